import type { SimClock } from '../core/clock.js';
import { looksLikeAccessToken, newAccessToken } from '../core/ids.js';

export type TokenKind = 'component' | 'authorizer' | 'direct' | 'stable' | 'user';

export interface TokenRecord {
  value: string;
  kind: TokenKind;
  /** The account the token acts for (component appid for component tokens). */
  appid: string;
  /** Extra owner data, e.g. the openid of a web-OAuth user token. */
  subject?: string;
  issuedAt: number;
  expiresAt: number;
  /** Set when a newer token of the same slot was issued: the 5-minute overlap starts here. */
  supersededAt?: number;
  /** Forced death (invalidateToken, revocation, stale release-test token). */
  dead?: number;
}

export type TokenCheck = { ok: true; record: TokenRecord } | { ok: false; errcode: number };

/**
 * Every access token the simulator ever issued. One "slot" per kind+appid(+subject): issuing a new
 * token keeps the previous one usable for `overlapSec`, as WeChat does, then 40001.
 */
export class TokenRegistry {
  private readonly byValue = new Map<string, TokenRecord>();
  private readonly currentBySlot = new Map<string, TokenRecord>();

  constructor(
    private readonly clock: SimClock,
    private readonly lifetimes: () => { tokenTtlSec: number; overlapSec: number },
  ) {}

  issue(kind: TokenKind, appid: string, opts: { subject?: string; ttlSec?: number; overlap?: boolean } = {}) {
    const now = this.clock.now();
    const slot = slotKey(kind, appid, opts.subject);
    const previous = this.currentBySlot.get(slot);
    if (previous && previous.supersededAt === undefined) {
      previous.supersededAt = now;
      if (opts.overlap === false) previous.dead = 40001;
    }
    const ttl = opts.ttlSec ?? this.lifetimes().tokenTtlSec;
    const record: TokenRecord = {
      value: newAccessToken(),
      kind,
      appid,
      subject: opts.subject,
      issuedAt: now,
      expiresAt: now + ttl,
    };
    this.byValue.set(record.value, record);
    this.currentBySlot.set(slot, record);
    return record;
  }

  current(kind: TokenKind, appid: string, subject?: string): TokenRecord | undefined {
    return this.currentBySlot.get(slotKey(kind, appid, subject));
  }

  get(value: string): TokenRecord | undefined {
    return this.byValue.get(value);
  }

  check(value: string): TokenCheck {
    const record = this.byValue.get(value);
    if (!record) return { ok: false, errcode: looksLikeAccessToken(value) ? 40001 : 40014 };
    if (record.dead !== undefined) return { ok: false, errcode: record.dead };
    const now = this.clock.now();
    if (record.supersededAt !== undefined && now >= record.supersededAt + this.lifetimes().overlapSec) {
      return { ok: false, errcode: 40001 };
    }
    if (now >= record.expiresAt) return { ok: false, errcode: 42001 };
    return { ok: true, record };
  }

  /** Remaining seconds for a live token (used by stable_token's "rotate 5 min before expiry"). */
  remaining(record: TokenRecord): number {
    return record.expiresAt - this.clock.now();
  }

  expire(value: string): boolean {
    const record = this.byValue.get(value);
    if (record) record.expiresAt = Math.min(record.expiresAt, this.clock.now());
    return record !== undefined;
  }

  invalidate(value: string, errcode = 40001): boolean {
    const record = this.byValue.get(value);
    if (record) record.dead = errcode;
    return record !== undefined;
  }

  invalidateAllFor(appid: string, errcode = 40001, kinds?: TokenKind[]): number {
    let count = 0;
    for (const record of this.byValue.values()) {
      if (record.appid !== appid || record.dead !== undefined) continue;
      if (kinds && !kinds.includes(record.kind)) continue;
      record.dead = errcode;
      count++;
    }
    return count;
  }

  all(): TokenRecord[] {
    return [...this.byValue.values()];
  }
}

function slotKey(kind: TokenKind, appid: string, subject?: string): string {
  return `${kind}:${appid}:${subject ?? ''}`;
}
