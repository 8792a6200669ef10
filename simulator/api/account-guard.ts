import { WxError } from '../core/wx-error.js';
import type { ApiRequest } from './route.js';

/** The account behind an account token, with its kind (for 48001/86000 checks). */
export function callerAccount(req: ApiRequest): { appid: string; kind: 'oa' | 'mp'; viaComponent: boolean } {
  const token = req.token;
  if (!token) throw new WxError(41001);
  const kind = req.ctx.state.accountKind(token.appid) ?? 'oa';
  return { appid: token.appid, kind, viaComponent: token.kind === 'authorizer' };
}

/** Authorizer tokens only act within the permission sets granted (§4.15: 48001 otherwise). */
export function requireFuncSet(req: ApiRequest, oaSet: number | undefined, mpSet: number | undefined): void {
  const caller = callerAccount(req);
  if (!caller.viaComponent) return;
  const needed = caller.kind === 'oa' ? oaSet : mpSet;
  if (needed === undefined) throw new WxError(48001, `not available to ${caller.kind} accounts`);
  const granted = req.ctx.state.authorizations.get(caller.appid)?.funcIds ?? [];
  if (!granted.includes(needed)) throw new WxError(48001, `permission set ${needed} not granted`);
}

/** 40003 for openids that are not users of the account. */
export function requireUser(req: ApiRequest, openid: string | undefined): string {
  const appid = callerAccount(req).appid;
  const account = req.ctx.state.account(appid);
  if (!openid || (account && !account.users.some((u) => u.openid === openid))) throw new WxError(40003, openid);
  return openid;
}
