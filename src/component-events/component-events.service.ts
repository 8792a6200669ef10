import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { AccountService } from '../account/account.service.js';
import { AuthorizationService } from '../authorization/authorization.service.js';
import { ComponentConfig, HttpConfig } from '../config/config.types.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { TicketService } from '../ticket/ticket.service.js';
import { ComponentPushVerifier, type PushQuery } from './component-push.verifier.js';
import { ComponentEventEntity } from './entities/component-event.entity.js';

/** Fields that are secrets (the ticket) or single-use codes: never stored in the event log. */
const SECRET_FIELDS = new Set(['ComponentVerifyTicket', 'AuthorizationCode', 'PreAuthCode', 'auth_code']);
/** How long WeChat's request waits for an authorization to be exchanged before `success` goes back anyway. */
const INLINE_BUDGET_MS = 3000;

@Injectable()
export class ComponentEventsService {
  private readonly logger = new Logger(ComponentEventsService.name);
  private readonly counter;

  constructor(
    @InjectRepository(ComponentEventEntity) private readonly events: Repository<ComponentEventEntity>,
    private readonly verifier: ComponentPushVerifier,
    private readonly component: ComponentConfig,
    private readonly http: HttpConfig,
    private readonly tickets: TicketService,
    private readonly authorizations: AuthorizationService,
    private readonly accounts: AccountService,
    metrics: MetricsService,
  ) {
    this.counter = metrics.counter(
      'gateway_component_events_total',
      'Authentic pushes to the authorization event URL, by InfoType and outcome',
      ['info_type', 'result'],
    );
  }

  /**
   * Verifies, stores and acts on one push. Throws only for inauthentic or unreadable pushes; once a
   * push is authentic, a failure of our own processing is logged and kept on the event row, and
   * WeChat still gets `success` (pitfall 23).
   */
  async receive(query: PushQuery, body: Buffer): Promise<void> {
    const fields = this.verifier.open(query, body, this.http.wechatBodyLimitBytes);
    const infoType = text(fields.InfoType) ?? 'unknown';
    const event = await this.store(infoType, fields);
    const work = this.dispatch(infoType, fields).then(
      () => this.finish(event, null),
      (err: unknown) => this.finish(event, err),
    );
    // An authorization exchange makes two WeChat calls; WeChat only waits 5 s for our answer.
    await Promise.race([work, new Promise((r) => setTimeout(r, INLINE_BUDGET_MS).unref())]);
  }

  private async dispatch(infoType: string, f: Record<string, unknown>): Promise<void> {
    const createTime = Number(text(f.CreateTime) ?? 0);
    switch (infoType) {
      case 'component_verify_ticket': {
        const ticket = text(f.ComponentVerifyTicket);
        if (!ticket) throw new Error('component_verify_ticket push without ComponentVerifyTicket');
        const result = await this.tickets.save(this.component.appId, ticket, createTime);
        if (result === 'stale') this.logger.warn({ createTime }, 'ignored a ticket push older than the stored ticket');
        return;
      }
      case 'authorized':
      case 'updateauthorized': {
        const code = text(f.AuthorizationCode);
        if (!code) throw new Error(`${infoType} push without AuthorizationCode`);
        const account = await this.authorizations.exchangeAuthorizationCode(code, 'push');
        this.logger.log({ appid: account.appid, infoType }, 'authorization recorded from push');
        return;
      }
      case 'unauthorized': {
        const appid = text(f.AuthorizerAppid);
        if (!appid) throw new Error('unauthorized push without AuthorizerAppid');
        await this.accounts.markRevoked(appid, new Date(createTime * 1000));
        this.logger.log({ appid }, 'authorization revoked by the account owner');
        return;
      }
      default:
        this.logger.log({ infoType }, 'stored a push of an InfoType the gateway does not act on');
    }
  }

  private async store(infoType: string, f: Record<string, unknown>): Promise<ComponentEventEntity> {
    const payload = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? '***' : v]));
    const entity = this.events.create({
      id: randomUUID(),
      componentAppid: this.component.appId,
      infoType: infoType.slice(0, 64),
      authorizerAppid: text(f.AuthorizerAppid)?.slice(0, 32) ?? text(f.appid)?.slice(0, 32) ?? null,
      createTime: Number(text(f.CreateTime) ?? 0) || 0,
      payload: JSON.stringify(payload),
      receivedAt: new Date(),
      processedAt: null,
      error: null,
    });
    return this.events.save(entity);
  }

  private async finish(event: ComponentEventEntity, err: unknown): Promise<void> {
    const error =
      err === null ? null : (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 512);
    if (error)
      this.logger.error(
        { eventId: event.id, infoType: event.infoType, error },
        'processing a component push failed; the push is kept',
      );
    this.counter.inc({ info_type: event.infoType, result: error ? 'failed' : 'processed' });
    await this.events.update({ id: event.id }, { processedAt: new Date(), error }).catch((e: Error) => {
      this.logger.error({ eventId: event.id, err: e.message }, 'could not record the outcome of a component push');
    });
  }

  /** The latest pushes, newest first (for operators). */
  recent(limit: number): Promise<ComponentEventEntity[]> {
    return this.events.find({ order: { receivedAt: 'DESC' }, take: limit });
  }
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
