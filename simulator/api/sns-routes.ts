import { randomBytes } from 'node:crypto';
import type { SimContext } from '../context.js';
import { WxError } from '../core/wx-error.js';
import type { CodeCheck } from '../state/code-registry.js';
import { type ApiRequest, type ApiRoute, type JsonBody, field } from './route.js';

const USER_REFRESH_TTL_SEC = 30 * 86400;
const JSCODE_TTL_SEC = 300;

/**
 * Component-mode sns endpoints take the component token under exactly `component_access_token`
 * (pitfall 18): `access_token` here is answered 41001 like a missing one.
 */
function requireComponent(req: ApiRequest): void {
  const value = req.query.component_access_token;
  if (!value) throw new WxError(41001, 'component_access_token missing');
  const check = req.ctx.state.tokens.check(value);
  if (!check.ok) throw new WxError(check.errcode);
  if (check.record.kind !== 'component') throw new WxError(40001, 'not a component_access_token');
  if (req.query.component_appid !== req.ctx.componentAppId) throw new WxError(61011, req.query.component_appid);
}

function codeError(check: Exclude<CodeCheck, { ok: true }>, expiredCode: number): WxError {
  if (check.reason === 'used') return new WxError(40163);
  return new WxError(check.reason === 'expired' ? expiredCode : 40029);
}

function userTokenBody(req: ApiRequest, appid: string, openid: string, scope: string, refresh: string): JsonBody {
  const token = req.ctx.state.tokens.issue('user', appid, { subject: openid });
  const user = req.ctx.state.account(appid)?.users.find((u) => u.openid === openid);
  return {
    access_token: token.value,
    expires_in: token.expiresAt - req.ctx.clock.now(),
    refresh_token: refresh,
    openid,
    scope,
    ...(user?.unionid ? { unionid: user.unionid } : {}),
  };
}

/** §8.1 step 2: codes single use (40163), 5 min (42003), for the account they were issued to. */
function oauthAccessToken(req: ApiRequest): JsonBody {
  requireComponent(req);
  const appid = field(req.query, 'appid', 41002);
  if (req.query.grant_type !== 'authorization_code') throw new WxError(40002);
  const check = req.ctx.state.codes.consume('oauth', field(req.query, 'code', 41008));
  if (!check.ok) throw codeError(check, 42003);
  if (check.record.appid !== appid) throw new WxError(40029, 'code of another appid');
  const openid = String(check.record.data.openid);
  const scope = String(check.record.data.scope);
  const refresh = req.ctx.state.codes.issue('oauth_refresh', appid, USER_REFRESH_TTL_SEC, { openid, scope });
  return userTokenBody(req, appid, openid, scope, refresh.code);
}

function oauthRefresh(req: ApiRequest): JsonBody {
  requireComponent(req);
  const appid = field(req.query, 'appid', 41002);
  if (req.query.grant_type !== 'refresh_token') throw new WxError(40002);
  const check = req.ctx.state.codes.peek('oauth_refresh', field(req.query, 'refresh_token', 40030));
  if (!check.ok) throw new WxError(check.reason === 'expired' ? 42002 : 40030);
  if (check.record.appid !== appid) throw new WxError(40030);
  const { openid, scope } = check.record.data;
  return userTokenBody(req, appid, String(openid), String(scope), check.record.code);
}

function snsUserInfo(req: ApiRequest): JsonBody {
  const token = req.token;
  if (!token || token.subject !== req.query.openid) throw new WxError(40003);
  const refresh = req.ctx.state.codes.all('oauth_refresh').find((c) => c.data.openid === token.subject);
  if (!String(refresh?.data.scope ?? '').includes('snsapi_userinfo')) throw new WxError(48001, 'scope');
  const user = req.ctx.state.account(token.appid)?.users.find((u) => u.openid === token.subject);
  return {
    openid: token.subject,
    nickname: user?.nickname ?? '',
    sex: 0,
    province: '',
    city: '',
    country: '',
    headimgurl: '',
    privilege: [],
    ...(user?.unionid ? { unionid: user.unionid } : {}),
  };
}

/** §8.2: exact parameter names appid, js_code, grant_type, component_appid, component_access_token. */
function jscode2session(req: ApiRequest): JsonBody {
  requireComponent(req);
  const appid = field(req.query, 'appid', 41002);
  if (!req.ctx.state.authorizations.isActive(appid)) throw new WxError(61003);
  if (req.query.grant_type !== 'authorization_code') throw new WxError(40002);
  const check = req.ctx.state.codes.consume('jscode', field(req.query, 'js_code', 41008));
  if (!check.ok) throw codeError(check, 40029);
  if (check.record.appid !== appid) throw new WxError(40029, 'code of another appid');
  const openid = String(check.record.data.openid);
  const user = req.ctx.state.account(appid)?.users.find((u) => u.openid === openid);
  return {
    openid,
    session_key: randomBytes(16).toString('base64'),
    ...(user?.unionid ? { unionid: user.unionid } : {}),
  };
}

/** What wx.login() would give a user of the mini program (single use, 5 minutes). */
export function issueJsCode(ctx: SimContext, appid: string, openid?: string): string {
  const account = ctx.state.account(appid);
  if (!account) throw new Error(`unknown account ${appid}`);
  const user = openid ?? account.users[0]?.openid ?? 'oSIMULATORuser00000000000001';
  return ctx.state.codes.issue('jscode', appid, JSCODE_TTL_SEC, { openid: user }).code;
}

export const snsRoutes: ApiRoute[] = [
  { method: 'ANY', path: '/sns/oauth2/component/access_token', token: 'none', handle: oauthAccessToken },
  { method: 'ANY', path: '/sns/oauth2/component/refresh_token', token: 'none', handle: oauthRefresh },
  { method: 'ANY', path: '/sns/userinfo', token: 'user', handle: snsUserInfo },
  { method: 'ANY', path: '/sns/component/jscode2session', token: 'none', handle: jscode2session },
];
