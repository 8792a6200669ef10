import type { ApiScope } from '../common/decorators/auth.decorators.js';

/** Who is calling: attached to the request by the guard. */
export interface ApiKeyPrincipal {
  keyId: string;
  name: string;
  scopes: ApiScope[];
  /** null: any appid. */
  allowedAppids: string[] | null;
}

export function hasScope(p: ApiKeyPrincipal, needed: readonly ApiScope[]): boolean {
  return p.scopes.includes('admin') || needed.some((s) => p.scopes.includes(s));
}

export function mayActOn(p: ApiKeyPrincipal, appid: string): boolean {
  return p.allowedAppids === null || p.allowedAppids.includes(appid);
}
