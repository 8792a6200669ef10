import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimContext } from '../context.js';
import { WxError, errmsgFor } from '../core/wx-error.js';
import { applyFault, type CallBase } from '../http/fault-apply.js';
import { parseUrl, readBody, remoteIp, sendBinary, sendJson } from '../http/io.js';
import type { HostName } from '../options.js';
import type { ApiRequest, ApiResult, ApiRoute, BinaryResult, JsonBody } from './route.js';
import { resolveToken } from './token-guard.js';

/** Direct-token endpoints use the account's own IP whitelist (40164), not the component's (61004). */
const NOT_COMPONENT_IP_CHECKED = new Set(['/cgi-bin/token', '/cgi-bin/stable_token']);

export async function handleApiRequest(
  ctx: SimContext,
  routes: Map<string, ApiRoute>,
  host: HostName,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { path, query } = parseUrl(req);
  const raw = await readBody(req);
  const contentType = req.headers['content-type'] ?? '';
  const base: CallBase = {
    host,
    method: req.method ?? 'GET',
    path,
    query,
    body: summarizeBody(raw, contentType),
    time: ctx.clock.now(),
  };
  const fault = ctx.faults.take(host, path);
  if (fault && (await applyFault(ctx, fault, base, req, res))) return;
  const route = routes.get(path);
  if (!route) {
    ctx.recorder.record({ ...base, status: 404, errcode: 404 });
    sendJson(res, 404, { errcode: 404, errmsg: errmsgFor(-1, `no such path ${path}`) });
    return;
  }
  const apiReq: ApiRequest = {
    ctx,
    host,
    method: base.method,
    path,
    query,
    body: {},
    raw,
    contentType,
    remoteIp: remoteIp(req),
  };
  const result = await runRoute(route, apiReq);
  answer(ctx, base, result, res);
}

async function runRoute(route: ApiRoute, req: ApiRequest): Promise<ApiResult> {
  try {
    const allow = req.ctx.options.ipAllowList;
    if (allow && !NOT_COMPONENT_IP_CHECKED.has(req.path) && !allow.includes(req.remoteIp)) {
      throw new WxError(61004, `clientip: ${req.remoteIp}`);
    }
    if (route.method === 'POST' && req.method !== 'POST') throw new WxError(43002);
    req.token = resolveToken(req, route.token);
    const bodyKind = route.body ?? (route.method === 'POST' ? 'json' : 'none');
    if (bodyKind === 'json') req.body = parseJsonBody(req.raw);
    if (req.token) req.ctx.state.countQuota(req.token.appid, req.path);
    return await route.handle(req);
  } catch (err) {
    if (err instanceof WxError) return err.toBody();
    throw err;
  }
}

function parseJsonBody(raw: Buffer): JsonBody {
  if (raw.length === 0) throw new WxError(44002);
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as JsonBody;
  } catch {
    // fall through: WeChat answers 47001 for anything that is not a JSON object
  }
  throw new WxError(47001);
}

function answer(ctx: SimContext, base: CallBase, result: ApiResult, res: ServerResponse): void {
  if (isBinary(result)) {
    ctx.recorder.record({ ...base, status: 200 });
    sendBinary(res, result.binary, result.contentType, result.filename);
    return;
  }
  const errcode = typeof result.errcode === 'number' ? result.errcode : 0;
  ctx.recorder.record({ ...base, status: 200, errcode });
  sendJson(res, 200, result);
}

function isBinary(result: ApiResult): result is BinaryResult {
  return Buffer.isBuffer((result as Partial<BinaryResult>).binary);
}

export function summarizeBody(raw: Buffer, contentType: string): unknown {
  if (raw.length === 0) return undefined;
  if (contentType.startsWith('multipart/')) return { multipart: true, bytes: raw.length };
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
  }
}
