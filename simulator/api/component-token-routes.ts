import { WxError } from '../core/wx-error.js';
import { type ApiRequest, type ApiRoute, type JsonBody, OK, field, requireComponentAppid } from './route.js';

export function funcInfo(funcIds: number[]): JsonBody[] {
  return funcIds.map((id) => ({ funcscope_category: { id } }));
}

/** §4.1: appid, secret, then ticket (61006 unknown or missing, 61005 older than 12 h). */
function componentToken(req: ApiRequest): JsonBody {
  const { ctx, body } = req;
  const appid = field(body, 'component_appid', 41002);
  const secret = field(body, 'component_appsecret', 41004);
  if (appid !== ctx.componentAppId) throw new WxError(61011, appid);
  if (secret !== ctx.options.component.appSecret) throw new WxError(40125);
  const ticketCode = ctx.state.tickets.check(
    typeof body.component_verify_ticket === 'string' ? body.component_verify_ticket : undefined,
  );
  if (ticketCode !== 0) throw new WxError(ticketCode);
  const token = ctx.state.tokens.issue('component', appid);
  return { component_access_token: token.value, expires_in: token.expiresAt - ctx.clock.now() };
}

/** §4.2: the secret field is `component_secret` here (not component_appsecret). */
function startPushTicket(req: ApiRequest): JsonBody {
  const { ctx, body } = req;
  const appid = field(body, 'component_appid', 41002);
  if (appid !== ctx.componentAppId) throw new WxError(40013, appid);
  const secret = field(body, 'component_secret', 41004);
  if (secret !== ctx.options.component.appSecret) throw new WxError(40125);
  ctx.pushTicketSoon();
  return OK();
}

function createPreAuthCode(req: ApiRequest): JsonBody {
  requireComponentAppid(req);
  const { ctx } = req;
  const code = ctx.state.codes.issue('pre_auth', ctx.componentAppId, ctx.options.preAuthCodeTtlSec);
  return { pre_auth_code: code.code, expires_in: ctx.options.preAuthCodeTtlSec };
}

/** §4.4: single-use codes, 61009 unknown or used, 61010 expired. */
function queryAuth(req: ApiRequest): JsonBody {
  requireComponentAppid(req);
  const { ctx } = req;
  const check = ctx.state.codes.consume('auth', field(req.body, 'authorization_code', 61009));
  if (!check.ok) throw new WxError(check.reason === 'expired' ? 61010 : 61009, `code ${check.reason}`);
  const appid = check.record.appid;
  if (!ctx.state.authorizations.isActive(appid)) throw new WxError(61003);
  const refreshToken = ctx.state.authorizations.settleRefreshToken(appid);
  const token = ctx.state.tokens.issue('authorizer', appid);
  return {
    authorization_info: {
      authorizer_appid: appid,
      authorizer_access_token: token.value,
      expires_in: token.expiresAt - ctx.clock.now(),
      authorizer_refresh_token: refreshToken,
      func_info: funcInfo(ctx.state.authorizations.get(appid)?.funcIds ?? []),
    },
  };
}

/** §4.5: the appid/refresh-token pair must match (61023); optional rotation with a 5-minute grace. */
function authorizerToken(req: ApiRequest): JsonBody {
  requireComponentAppid(req);
  const { ctx, body } = req;
  const appid = field(body, 'authorizer_appid', 41002);
  const check = ctx.state.authorizations.checkRefresh(appid, field(body, 'authorizer_refresh_token', 61023));
  if (check !== 0) throw new WxError(check);
  const auth = ctx.state.authorizations.get(appid);
  if (!auth?.refreshToken) throw new WxError(61023);
  if (ctx.options.rotateRefreshTokens) ctx.state.authorizations.rotate(auth);
  const token = ctx.state.tokens.issue('authorizer', appid);
  return {
    authorizer_access_token: token.value,
    expires_in: token.expiresAt - ctx.clock.now(),
    authorizer_refresh_token: auth.refreshToken,
  };
}

export const componentTokenRoutes: ApiRoute[] = [
  { method: 'POST', path: '/cgi-bin/component/api_component_token', token: 'none', handle: componentToken },
  {
    method: 'POST',
    path: '/cgi-bin/component/api_start_push_ticket',
    token: 'optional-component',
    handle: startPushTicket,
  },
  { method: 'POST', path: '/cgi-bin/component/api_create_preauthcode', token: 'component', handle: createPreAuthCode },
  { method: 'POST', path: '/cgi-bin/component/api_query_auth', token: 'component', handle: queryAuth },
  { method: 'POST', path: '/cgi-bin/component/api_authorizer_token', token: 'component', handle: authorizerToken },
];
