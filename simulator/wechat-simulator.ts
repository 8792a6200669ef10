import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleApiRequest } from './api/api-host.js';
import { buildApiRoutes } from './api/routes.js';
import { SimContext } from './context.js';
import { handleControl } from './control/control-routes.js';
import type { XmlFields } from './core/xml.js';
import { AuthorizationFlow, type AuthorizeResult } from './flows/authorization-flow.js';
import type { ActiveFault, FaultSpec } from './http/faults.js';
import { closeListener, startListener, type Listener } from './http/listeners.js';
import type { CallFilter, EndpointCounter, RecordedCall } from './http/recorder.js';
import {
  applyRuntimeConfig,
  resolveOptions,
  type ComponentCredentials,
  type HostName,
  type ResolvedOptions,
  type RuntimeConfig,
  type SimulatorOptions,
} from './options.js';
import { BackgroundPushes } from './push/background.js';
import { EventPusher } from './push/event-pusher.js';
import { issueJsCode } from './api/sns-routes.js';
import { completeAudit } from './flows/audit.js';
import { issueOAuthCode } from './pages/oauth-page.js';
import { runReleaseTest } from './release-test/runner.js';
import type { ReleaseTestOptions, ReleaseTestResult } from './release-test/types.js';
import { handlePagesRequest } from './pages/pages-host.js';
import { MessagePusher, type PushMessageOptions } from './push/message-pusher.js';
import type { PushFilter, PushRecord } from './push/push-log.js';
import type { CustomMessageRecord, SimState } from './state/sim-state.js';

const HOSTS: HostName[] = ['api', 'api2', 'mp', 'open'];

/** A local WeChat: api, api2, mp and open hosts on four 127.0.0.1 listeners sharing one state. */
export class WechatSimulator {
  private readonly events: EventPusher;
  private readonly messages: MessagePusher;
  private readonly flow: AuthorizationFlow;
  private readonly background: BackgroundPushes;
  private listeners: Listener[] = [];

  private constructor(private readonly ctx: SimContext) {
    this.events = new EventPusher(ctx);
    this.messages = new MessagePusher(ctx);
    this.flow = new AuthorizationFlow(ctx, this.events);
    this.background = new BackgroundPushes(ctx);
    ctx.pushTicketSoon = () => this.background.run('api_start_push_ticket push', () => this.pushTicket());
  }

  static async start(opts: SimulatorOptions = {}): Promise<WechatSimulator> {
    const sim = new WechatSimulator(new SimContext(resolveOptions(opts)));
    await sim.listen();
    const { options } = sim.ctx;
    if (options.pushTicketOnStart) sim.background.run('start-up ticket push', () => sim.pushTicket());
    sim.background.schedule(options.ticketIntervalMs, () => sim.pushTicket());
    return sim;
  }

  private async listen(): Promise<void> {
    const routes = buildApiRoutes();
    for (const path of routes.keys()) this.ctx.routePaths.add(path);
    const handler = (host: HostName, req: IncomingMessage, res: ServerResponse): Promise<void> => {
      if (host === 'api' && (req.url ?? '').startsWith('/__sim/')) return handleControl(this, req, res);
      if (host === 'api' || host === 'api2') return handleApiRequest(this.ctx, routes, host, req, res);
      return this.handlePages(host, req, res);
    };
    try {
      for (const host of HOSTS) {
        const listener = await startListener(host, this.ctx.options.ports[host] ?? 0, handler);
        this.listeners.push(listener);
        this.ctx.urls[host] = listener.url;
      }
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  private handlePages(host: HostName, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const background = (task: () => Promise<unknown>) => this.background.run('push after redirect', task);
    return handlePagesRequest({ ctx: this.ctx, flow: this.flow, background }, host, req, res);
  }

  async stop(): Promise<void> {
    await this.background.stop();
    await Promise.all(this.listeners.map(closeListener));
    this.listeners = [];
  }

  get url(): string {
    return this.ctx.urls.api;
  }
  get api2Url(): string {
    return this.ctx.urls.api2;
  }
  get mpUrl(): string {
    return this.ctx.urls.mp;
  }
  get openUrl(): string {
    return this.ctx.urls.open;
  }
  get controlUrl(): string {
    return `${this.ctx.urls.api}/__sim`;
  }
  get component(): ComponentCredentials {
    return { ...this.ctx.options.component };
  }
  get options(): Readonly<ResolvedOptions> {
    return this.ctx.options;
  }
  get state(): SimState {
    return this.ctx.state;
  }

  configure(patch: RuntimeConfig): void {
    const before = this.ctx.options.ticketIntervalMs;
    applyRuntimeConfig(this.ctx.options, patch as Record<string, unknown>);
    if (this.ctx.options.ticketIntervalMs !== before) {
      this.background.schedule(this.ctx.options.ticketIntervalMs, () => this.pushTicket());
    }
  }

  calls(filter?: CallFilter): RecordedCall[] {
    return this.ctx.recorder.calls(filter);
  }
  counters(): Record<string, EndpointCounter> {
    return this.ctx.recorder.counters();
  }
  clearRecords(): void {
    this.ctx.recorder.clear();
    this.ctx.pushLog.clear();
    this.ctx.state.customMessages.length = 0;
  }

  now(): number {
    return this.ctx.clock.now();
  }
  advanceClock(seconds: number): number {
    return this.ctx.clock.advance(seconds);
  }

  expireToken(token: string): boolean {
    return this.ctx.state.tokens.expire(token);
  }
  invalidateToken(token: string, errcode = 40001): boolean {
    return this.ctx.state.tokens.invalidate(token, errcode);
  }
  invalidateAllTokensFor(appid: string, errcode = 40001): number {
    return this.ctx.state.tokens.invalidateAllFor(appid, errcode);
  }

  revoke(authorizerAppid: string): Promise<{ revoked: boolean; push?: PushRecord }> {
    return this.flow.revoke(authorizerAppid);
  }
  rotateRefreshToken(appid: string): string {
    const auth = this.ctx.state.authorizations.get(appid);
    if (auth?.status !== 'authorized') throw new Error(`${appid} is not authorized`);
    return this.ctx.state.authorizations.rotate(auth);
  }
  authorizeDirectly(appid: string, funcIds?: number[]): Promise<AuthorizeResult> {
    return this.flow.authorizeDirectly(appid, funcIds);
  }

  injectFault(spec: FaultSpec): ActiveFault {
    return this.ctx.faults.add(spec);
  }
  faults(): ActiveFault[] {
    return this.ctx.faults.list();
  }
  clearFaults(): void {
    this.ctx.faults.clear();
  }

  pushTicket(): Promise<PushRecord> {
    return this.events.pushTicket();
  }
  pushAuthorizationEvent(infoType: string, appid: string, fields: XmlFields = {}): Promise<PushRecord> {
    return this.events.push(infoType, { AuthorizerAppid: appid, ...fields }, appid);
  }
  pushMessage(appid: string, message: XmlFields | string, opts?: PushMessageOptions): Promise<PushRecord> {
    return this.messages.push(appid, message, opts);
  }
  pushes(filter?: PushFilter): PushRecord[] {
    return this.ctx.pushLog.list(filter);
  }
  customMessages(): CustomMessageRecord[] {
    return [...this.ctx.state.customMessages];
  }

  /** A web-OAuth code as /connect/oauth2/authorize would give it (for sns/oauth2/component tests). */
  issueOAuthCode(appid: string, openid?: string, scope?: string): string {
    return issueOAuthCode(this.ctx, appid, openid, scope);
  }
  /** A wx.login() code for sns/component/jscode2session. */
  issueJsCode(appid: string, openid?: string): string {
    return issueJsCode(this.ctx, appid, openid);
  }
  /** Runs the full-network release test (§7) against the configured event and message URLs. */
  runReleaseTest(opts: ReleaseTestOptions): Promise<ReleaseTestResult> {
    return runReleaseTest({ ctx: this.ctx, events: this.events, messages: this.messages, flow: this.flow }, opts);
  }
  /** Ends a pending mini-program audit and pushes weapp_audit_success / weapp_audit_fail. */
  completeAudit(appid: string, success: boolean, reason?: string): Promise<PushRecord> {
    return completeAudit(this.ctx, this.messages, appid, success, reason);
  }
}
