import type { SimClock } from '../core/clock.js';
import { randomAlnum } from '../core/ids.js';

export interface Authorization {
  appid: string;
  funcIds: number[];
  authTime: number;
  status: 'authorized' | 'revoked';
  /** Absent until the authorization code was exchanged (api_get_authorizer_list then omits it). */
  refreshToken?: string;
  /** A superseded refresh token still accepted until `validUntil` (5-minute transition). */
  previousRefresh?: { token: string; validUntil: number };
  /** Set by api_query_auth of a changed authorization: the refresh token is replaced then. */
  needsNewRefreshToken: boolean;
  options: Record<string, string>;
}

export type RefreshCheck = 0 | 61003 | 61023;

/** Which accounts authorized the component, with what, and their refresh tokens. */
export class AuthorizationStore {
  private readonly byAppid = new Map<string, Authorization>();

  constructor(
    private readonly clock: SimClock,
    private readonly graceSec: () => number,
  ) {}

  get(appid: string): Authorization | undefined {
    return this.byAppid.get(appid);
  }

  isActive(appid: string): boolean {
    return this.byAppid.get(appid)?.status === 'authorized';
  }

  /** Records an owner's confirmation; returns the InfoType to push, or undefined when nothing changed. */
  grant(appid: string, funcIds: number[]): 'authorized' | 'updateauthorized' | undefined {
    const sorted = [...new Set(funcIds)].sort((a, b) => a - b);
    const existing = this.byAppid.get(appid);
    if (existing?.status === 'authorized') {
      if (sameSet(existing.funcIds, sorted)) return undefined;
      existing.funcIds = sorted;
      existing.needsNewRefreshToken = true;
      return 'updateauthorized';
    }
    this.byAppid.set(appid, {
      appid,
      funcIds: sorted,
      authTime: this.clock.now(),
      status: 'authorized',
      needsNewRefreshToken: true,
      options: existing?.options ?? { location_report: '0', voice_recognize: '0', customer_service: '0' },
    });
    return 'authorized';
  }

  /** On code exchange: a new or changed authorization gets a fresh refresh token (old one: grace). */
  settleRefreshToken(appid: string): string {
    const auth = this.require(appid);
    if (auth.needsNewRefreshToken || !auth.refreshToken) this.rotate(auth);
    auth.needsNewRefreshToken = false;
    return auth.refreshToken as string;
  }

  rotate(auth: Authorization): string {
    if (auth.refreshToken) {
      auth.previousRefresh = { token: auth.refreshToken, validUntil: this.clock.now() + this.graceSec() };
    }
    auth.refreshToken = `refreshtoken@@@${randomAlnum(64)}`;
    return auth.refreshToken;
  }

  checkRefresh(appid: string, token: string | undefined): RefreshCheck {
    const auth = this.byAppid.get(appid);
    if (!auth) return 61003;
    if (auth.status !== 'authorized' || !token) return 61023;
    if (token === auth.refreshToken) return 0;
    const prev = auth.previousRefresh;
    return prev && prev.token === token && this.clock.now() < prev.validUntil ? 0 : 61023;
  }

  revoke(appid: string): boolean {
    const auth = this.byAppid.get(appid);
    if (!auth || auth.status !== 'authorized') return false;
    auth.status = 'revoked';
    auth.refreshToken = undefined;
    auth.previousRefresh = undefined;
    return true;
  }

  active(): Authorization[] {
    return [...this.byAppid.values()].filter((a) => a.status === 'authorized');
  }

  all(): Authorization[] {
    return [...this.byAppid.values()];
  }

  private require(appid: string): Authorization {
    const auth = this.byAppid.get(appid);
    if (!auth) throw new Error(`${appid} never authorized`);
    return auth;
  }
}

function sameSet(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
