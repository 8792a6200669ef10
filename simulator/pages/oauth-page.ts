import type { SimContext } from '../context.js';
import type { PageOutcome } from './auth-pages.js';
import { appendParams } from './domain-check.js';

/** Web-OAuth codes live 5 minutes (plain OA docs; assumed for component mode, §8.1). */
export const OAUTH_CODE_TTL_SEC = 300;

export function issueOAuthCode(ctx: SimContext, appid: string, openid?: string, scope = 'snsapi_base'): string {
  const account = ctx.state.account(appid);
  if (!account) throw new Error(`unknown account ${appid}`);
  const user = openid ?? account.users[0]?.openid;
  if (!user) throw new Error(`${appid} has no seeded users`);
  return ctx.state.codes.issue('oauth', appid, OAUTH_CODE_TTL_SEC, { openid: user, scope }).code;
}

/**
 * GET /connect/oauth2/authorize on the open host (§8.1): the user "agrees" at once and the browser
 * goes to redirect_uri?code=…&state=…&appid=…. Simulator extras: `sim_openid` picks the user,
 * `sim_deny=1` refuses (only `state` comes back).
 */
export function oauthAuthorize(ctx: SimContext, query: Record<string, string>): PageOutcome {
  const fail = (error: string, message: string): PageOutcome => ({ kind: 'error', error, message });
  if (!query.redirect_uri) return fail('redirect_uri', 'redirect_uri 参数错误');
  if (query.component_appid !== ctx.componentAppId) return fail('component_appid', 'invalid component_appid');
  if (!ctx.state.authorizations.isActive(query.appid ?? '')) return fail('appid', '该公众号未授权给第三方平台 (61003)');
  if (query.response_type !== 'code') return fail('response_type', 'response_type must be code');
  const state = query.state ?? '';
  if (query.sim_deny === '1') return { kind: 'redirect', location: appendParams(query.redirect_uri, { state }) };
  const code = issueOAuthCode(ctx, query.appid, query.sim_openid, query.scope ?? 'snsapi_base');
  return { kind: 'redirect', location: appendParams(query.redirect_uri, { code, state, appid: query.appid }) };
}
