import { WxError } from '../core/wx-error.js';
import type { TokenKind, TokenRecord } from '../state/token-registry.js';
import type { ApiRequest, TokenPolicy } from './route.js';

const ALLOWED: Record<Exclude<TokenPolicy, 'none' | 'optional-component'>, TokenKind[]> = {
  component: ['component'],
  authorizer: ['authorizer'],
  account: ['authorizer', 'direct', 'stable'],
  any: ['component', 'authorizer', 'direct', 'stable'],
  user: ['user'],
};

/** Resolves and validates the query token the way WeChat does: 41001, 40014, 40001, 42001, 48001, 61003. */
export function resolveToken(req: ApiRequest, policy: TokenPolicy): TokenRecord | undefined {
  if (policy === 'none') return undefined;
  const componentStyle = policy === 'component' || policy === 'optional-component';
  // §1: the component endpoints are documented with both names; accept either.
  const value = componentStyle ? (req.query.component_access_token ?? req.query.access_token) : req.query.access_token;
  if (!value) {
    if (policy === 'optional-component') return undefined;
    throw new WxError(41001);
  }
  const check = req.ctx.state.tokens.check(value);
  if (!check.ok) throw new WxError(check.errcode);
  const kinds = ALLOWED[policy === 'optional-component' ? 'component' : policy];
  if (!kinds.includes(check.record.kind)) {
    // A component token where an account token belongs is "api unauthorized" (§4.15); the reverse is
    // simply not a valid component token.
    throw new WxError(
      check.record.kind === 'component' ? 48001 : 40001,
      `${check.record.kind} token not accepted here`,
    );
  }
  if (check.record.kind === 'authorizer' && !req.ctx.state.authorizations.isActive(check.record.appid)) {
    // Revoked authorizations: §12 leaves 61003 vs 40001 open; 61003 tells the gateway to stop.
    throw new WxError(61003);
  }
  return check.record;
}
