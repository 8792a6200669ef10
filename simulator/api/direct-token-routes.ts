import { WxError } from '../core/wx-error.js';
import type { TokenRecord } from '../state/token-registry.js';
import { type ApiRequest, type ApiRoute, type JsonBody, field } from './route.js';

const FORCE_REFRESH_PER_DAY = 20;
const FORCE_REFRESH_MIN_GAP_SEC = 30;
/** stable_token is renewed this long before expiry, so a returned token always has >= 300 s left. */
const STABLE_RENEW_BEFORE_SEC = 300;

/** §4.13: grant_type, appid (61024 for the component), secret. */
function checkCredentials(req: ApiRequest, source: Record<string, unknown>): string {
  const s = source as Record<string, string>;
  if (field(s, 'grant_type', 40002) !== 'client_credential') throw new WxError(40002);
  const appid = field(s, 'appid', 41002);
  if (appid === req.ctx.componentAppId) throw new WxError(61024);
  const direct = req.ctx.state.directSecrets.get(appid);
  const secret = field(s, 'secret', 41004);
  if (!direct) throw new WxError(req.ctx.state.account(appid) ? 40125 : 40013, appid);
  if (secret !== direct.secret) throw new WxError(40125);
  return appid;
}

function tokenBody(req: ApiRequest, token: TokenRecord): JsonBody {
  return { access_token: token.value, expires_in: token.expiresAt - req.ctx.clock.now() };
}

/** GET cgi-bin/token: every call issues a new token; the previous one overlaps for 5 minutes. */
function cgiToken(req: ApiRequest): JsonBody {
  const appid = checkCredentials(req, req.query);
  return tokenBody(req, req.ctx.state.tokens.issue('direct', appid));
}

/** POST stable_token: same token while valid; force_refresh kills it (20/day, >= 30 s apart). */
function stableToken(req: ApiRequest): JsonBody {
  const appid = checkCredentials(req, req.body);
  const { tokens } = req.ctx.state;
  const current = tokens.current('stable', appid);
  const live = current && tokens.check(current.value).ok ? current : undefined;
  if (req.body.force_refresh === true) return tokenBody(req, forceRefresh(req, appid, live));
  if (live && tokens.remaining(live) > STABLE_RENEW_BEFORE_SEC) return tokenBody(req, live);
  return tokenBody(req, tokens.issue('stable', appid));
}

function forceRefresh(req: ApiRequest, appid: string, live: TokenRecord | undefined): TokenRecord {
  const now = req.ctx.clock.now();
  const times = (req.ctx.state.stableForceRefreshes.get(appid) ?? []).filter((t) => t > now - 86400);
  const last = times[times.length - 1];
  // Docs: calls closer than 30 s do not refresh; they get the current token back.
  if (live && last !== undefined && now - last < FORCE_REFRESH_MIN_GAP_SEC) return live;
  if (times.length >= FORCE_REFRESH_PER_DAY) throw new WxError(45009, 'force_refresh limit is 20 a day');
  times.push(now);
  req.ctx.state.stableForceRefreshes.set(appid, times);
  return req.ctx.state.tokens.issue('stable', appid, { overlap: false });
}

export const directTokenRoutes: ApiRoute[] = [
  { method: 'GET', path: '/cgi-bin/token', token: 'none', handle: cgiToken },
  { method: 'POST', path: '/cgi-bin/stable_token', token: 'none', handle: stableToken },
];
