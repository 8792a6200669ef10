import type { IncomingMessage, ServerResponse } from 'node:http';
import type { XmlFields } from '../core/xml.js';
import type { FaultSpec } from '../http/faults.js';
import { parseUrl, readBody, sendJson } from '../http/io.js';
import type { CallFilter } from '../http/recorder.js';
import type { HostName } from '../options.js';
import type { PushMode } from '../push/push-log.js';
import type { WechatSimulator } from '../wechat-simulator.js';
import { extraControlRoutes } from './control-extra-routes.js';

export type ControlBody = Record<string, unknown>;
export type ControlHandler = (sim: WechatSimulator, body: ControlBody, query: Record<string, string>) => unknown;

/** Thrown for bad control requests: answered 400 with `{ error }`. */
export class ControlError extends Error {}

export function str(body: ControlBody, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || !value) throw new ControlError(`${name} (string) is required`);
  return value;
}

function callFilter(query: Record<string, string>): CallFilter {
  return {
    host: query.host as HostName | undefined,
    path: query.path,
    method: query.method,
    errcode: query.errcode === undefined ? undefined : Number(query.errcode),
  };
}

/** `METHOD /__sim/...` → handler. Never subject to faults, never recorded as WeChat calls. */
const ROUTES: Record<string, ControlHandler> = {
  'GET /__sim/config': (sim) => ({ ...sim.options, urls: urls(sim) }),
  'POST /__sim/config': (sim, body) => {
    sim.configure(body);
    return { ...sim.options, urls: urls(sim) };
  },
  'GET /__sim/calls': (sim, _b, query) => sim.calls(callFilter(query)),
  'GET /__sim/counters': (sim) => sim.counters(),
  'POST /__sim/records/clear': (sim) => (sim.clearRecords(), { ok: true }),
  'GET /__sim/clock': (sim) => ({ now: sim.now() }),
  'POST /__sim/clock/advance': (sim, body) => ({ now: sim.advanceClock(Number(body.seconds)) }),
  'POST /__sim/tokens/expire': (sim, body) => ({ found: sim.expireToken(str(body, 'token')) }),
  'POST /__sim/tokens/invalidate': (sim, body) => ({
    found: sim.invalidateToken(str(body, 'token'), body.errcode === undefined ? 40001 : Number(body.errcode)),
  }),
  'POST /__sim/tokens/invalidate-all': (sim, body) => ({ count: sim.invalidateAllTokensFor(str(body, 'appid')) }),
  'POST /__sim/authorizations/revoke': (sim, body) => sim.revoke(str(body, 'appid')),
  'POST /__sim/authorizations/rotate-refresh-token': (sim, body) => ({
    refresh_token: sim.rotateRefreshToken(str(body, 'appid')),
  }),
  'POST /__sim/authorizations/authorize': (sim, body) =>
    sim.authorizeDirectly(str(body, 'appid'), Array.isArray(body.funcIds) ? body.funcIds.map(Number) : undefined),
  'GET /__sim/faults': (sim) => sim.faults(),
  'POST /__sim/faults': (sim, body) => sim.injectFault(body as unknown as FaultSpec),
  'DELETE /__sim/faults': (sim) => (sim.clearFaults(), { ok: true }),
  'POST /__sim/push/ticket': (sim) => sim.pushTicket(),
  'POST /__sim/push/authorization': (sim, body) =>
    sim.pushAuthorizationEvent(str(body, 'infoType'), str(body, 'appid'), (body.fields ?? {}) as XmlFields),
  'POST /__sim/push/message': (sim, body) =>
    sim.pushMessage(str(body, 'appid'), (body.message ?? {}) as XmlFields | string, { mode: body.mode as PushMode }),
  'GET /__sim/pushes': (sim, _b, query) =>
    sim.pushes({ target: query.target as 'event' | 'message' | undefined, type: query.type, appid: query.appid }),
  'GET /__sim/custom-messages': (sim) => sim.customMessages(),
  ...extraControlRoutes,
};

function urls(sim: WechatSimulator): Record<string, string> {
  return { api: sim.url, api2: sim.api2Url, mp: sim.mpUrl, open: sim.openUrl, control: sim.controlUrl };
}

export async function handleControl(sim: WechatSimulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { path, query } = parseUrl(req);
  const handler = ROUTES[`${req.method ?? 'GET'} ${path}`];
  if (!handler) {
    sendJson(res, 404, { error: `no control route ${req.method} ${path}`, routes: Object.keys(ROUTES) });
    return;
  }
  try {
    const raw = await readBody(req);
    const body = raw.length ? (JSON.parse(raw.toString('utf8')) as ControlBody) : {};
    sendJson(res, 200, (await handler(sim, body, query)) ?? { ok: true });
  } catch (err) {
    // Control errors are the caller's: bad JSON, a missing field, an unknown account or token.
    sendJson(res, 400, { error: (err as Error).message });
  }
}
