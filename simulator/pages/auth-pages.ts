import type { SimContext } from '../context.js';
import type { AuthorizationFlow } from '../flows/authorization-flow.js';
import type { SeedAccount } from '../options.js';
import { accountPage, domainErrorMessage } from './page-html.js';
import { appendParams, hostOf, onDomain } from './domain-check.js';

export type PageOutcome =
  | { kind: 'html'; html: string }
  | { kind: 'error'; error: string; message: string; detail?: string }
  | { kind: 'redirect'; location: string; after?: () => Promise<unknown> };

export interface PageDeps {
  ctx: SimContext;
  flow: AuthorizationFlow;
}

const fail = (error: string, message: string, detail?: string): PageOutcome => ({
  kind: 'error',
  error,
  message,
  detail,
});

/** §5.2: entry page (Referer) and redirect_uri must both be on the configured initiation domain. */
function checkDomains(
  ctx: SimContext,
  referer: string | undefined,
  redirectUri: string | undefined,
): PageOutcome | undefined {
  const domain = ctx.options.initiationDomain;
  if (!domain) return fail('domain', domainErrorMessage(hostOf(referer)), 'initiation domain not configured');
  if (!onDomain(referer, domain))
    return fail('domain', domainErrorMessage(hostOf(referer)), `Referer: ${referer ?? ''}`);
  if (!onDomain(redirectUri, domain)) {
    return fail(
      'redirect_uri',
      domainErrorMessage(hostOf(referer)),
      `redirect_uri not on ${domain}: ${redirectUri ?? ''}`,
    );
  }
  return undefined;
}

function checkPreAuthCode(ctx: SimContext, code: string | undefined): PageOutcome | undefined {
  const check = ctx.state.codes.peek('pre_auth', code);
  if (check.ok) return undefined;
  // Documented choice: unknown or used → 61009, expired → 61010 (same pair as authorization codes).
  const errcode = check.reason === 'expired' ? 61010 : 61009;
  return fail(`pre_auth_code_${check.reason}`, `pre_auth_code ${check.reason} (${errcode})，请重新发起授权`);
}

/** auth_type 1: official accounts, 2: mini programs, 3 or absent: both; biz_appid: only that one. */
function listedAccounts(ctx: SimContext, query: Record<string, string>): SeedAccount[] | PageOutcome {
  const kinds = { '1': ['oa'], '2': ['mp'], '3': ['oa', 'mp'] }[query.auth_type ?? '3'];
  if (!kinds) return fail('auth_type', `auth_type ${query.auth_type} is not supported`);
  const accounts = ctx.options.seedAccounts.filter((a) => kinds.includes(a.kind));
  if (!query.biz_appid) return accounts;
  const one = accounts.filter((a) => a.appid === query.biz_appid);
  return one.length ? one : fail('biz_appid', `biz_appid ${query.biz_appid} 不可授权 / cannot authorize`);
}

export function showLoginPage(
  deps: PageDeps,
  path: string,
  query: Record<string, string>,
  referer?: string,
): PageOutcome {
  const { ctx } = deps;
  const domainError = checkDomains(ctx, referer, query.redirect_uri);
  if (domainError) return domainError;
  if (query.component_appid !== ctx.componentAppId) return fail('component_appid', 'invalid component (61011)');
  const codeError = checkPreAuthCode(ctx, query.pre_auth_code);
  if (codeError) return codeError;
  const accounts = listedAccounts(ctx, query);
  if (!Array.isArray(accounts)) return accounts;
  const html = accountPage({
    action: path,
    preAuthCode: query.pre_auth_code,
    redirectUri: query.redirect_uri,
    accounts,
    grantedFor: (appid) => {
      const auth = ctx.state.authorizations.get(appid);
      return auth?.status === 'authorized' ? auth.funcIds : undefined;
    },
  });
  return { kind: 'html', html };
}

/** The owner's confirmation: uses the pre_auth_code, pushes (unless unchanged) and redirects. */
export async function confirmAuthorization(deps: PageDeps, form: URLSearchParams): Promise<PageOutcome> {
  const { ctx, flow } = deps;
  const redirectUri = form.get('redirect_uri') ?? '';
  if (!ctx.options.initiationDomain || !onDomain(redirectUri, ctx.options.initiationDomain)) {
    return fail('redirect_uri', `redirect_uri not on the initiation domain: ${redirectUri}`);
  }
  const account = ctx.options.seedAccounts.find((a) => a.appid === form.get('appid'));
  if (!account) return fail('appid', `unknown account ${form.get('appid') ?? ''}`);
  const preAuth = ctx.state.codes.consume('pre_auth', form.get('pre_auth_code') ?? undefined);
  if (!preAuth.ok) return checkPreAuthCode(ctx, form.get('pre_auth_code') ?? undefined) as PageOutcome;
  const chosen = form
    .getAll('func_id')
    .map(Number)
    .filter((id) => account.funcIds.includes(id));
  const { code, event } = flow.confirm(account.appid, chosen.length ? chosen : account.funcIds, preAuth.record.code);
  const location = appendParams(redirectUri, { auth_code: code.code, expires_in: String(ctx.options.authCodeTtlSec) });
  if (!event) return { kind: 'redirect', location };
  if (ctx.options.pushAfterRedirect) return { kind: 'redirect', location, after: () => flow.pushForCode(event, code) };
  await flow.pushForCode(event, code);
  return { kind: 'redirect', location };
}
