import type { KnownAccount } from '../account/account.types.js';

/** One entry of api_get_authorizer_list (§4.7). */
export interface ListedAuthorizer {
  authorizer_appid: string;
  refresh_token?: string;
}

export type ReconcileAction =
  /** Known and authorized, but WeChat has another refresh token: write it back (pitfall 5). */
  | { kind: 'repair_token'; appid: string; refreshToken: string }
  /** Unknown, not authorized here, or its info never read: read api_get_authorizer_info and store it. */
  | { kind: 'adopt'; appid: string; refreshToken?: string }
  /** Stored as usable but absent from WeChat's list: the owner revoked and we missed the push. */
  | { kind: 'revoke'; appid: string };

/**
 * What reconciliation changes, from the complete authorizer list and the stored component accounts.
 * Only call it with a list that was read completely: absence means revocation.
 */
export function planReconcile(known: readonly KnownAccount[], listed: readonly ListedAuthorizer[]): ReconcileAction[] {
  const byAppid = new Map(known.map((k) => [k.appid, k]));
  const listedAppids = new Set(listed.map((l) => l.authorizer_appid));
  const actions: ReconcileAction[] = [];
  for (const l of listed) {
    const k = byAppid.get(l.authorizer_appid);
    const refreshToken = l.refresh_token || undefined;
    if (!k || k.status !== 'authorized' || !k.infoSynced) {
      actions.push({ kind: 'adopt', appid: l.authorizer_appid, refreshToken });
    } else if (refreshToken && refreshToken !== k.refreshToken) {
      actions.push({ kind: 'repair_token', appid: k.appid, refreshToken });
    }
  }
  for (const k of known) {
    if (k.status !== 'revoked' && !listedAppids.has(k.appid)) actions.push({ kind: 'revoke', appid: k.appid });
  }
  return actions;
}
