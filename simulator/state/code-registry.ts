import type { SimClock } from '../core/clock.js';
import { randomAlnum } from '../core/ids.js';

export type CodeKind = 'pre_auth' | 'auth' | 'oauth' | 'jscode' | 'oauth_refresh';

export interface CodeRecord {
  code: string;
  kind: CodeKind;
  appid: string;
  issuedAt: number;
  expiresAt: number;
  usedAt?: number;
  data: Record<string, string | number | number[] | undefined>;
}

export type CodeCheck = { ok: true; record: CodeRecord } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

const PREFIX: Record<CodeKind, string> = {
  pre_auth: 'preauthcode@@@',
  auth: 'queryauthcode@@@',
  oauth: '',
  jscode: '',
  oauth_refresh: '',
};

/** Single-use, short-lived codes: pre_auth_code, authorization codes, web-OAuth codes, wx.login codes. */
export class CodeRegistry {
  private readonly codes = new Map<string, CodeRecord>();

  constructor(private readonly clock: SimClock) {}

  issue(kind: CodeKind, appid: string, ttlSec: number, data: CodeRecord['data'] = {}): CodeRecord {
    const now = this.clock.now();
    const length = kind === 'jscode' || kind === 'oauth' ? 32 : 64;
    const record: CodeRecord = {
      code: PREFIX[kind] + randomAlnum(length),
      kind,
      appid,
      issuedAt: now,
      expiresAt: now + ttlSec,
      data,
    };
    this.codes.set(record.code, record);
    return record;
  }

  /** Checks without consuming (the authorization page shows the list before confirming). */
  peek(kind: CodeKind, code: string | undefined): CodeCheck {
    const record = code === undefined ? undefined : this.codes.get(code);
    if (!record || record.kind !== kind) return { ok: false, reason: 'unknown' };
    if (record.usedAt !== undefined) return { ok: false, reason: 'used' };
    if (this.clock.now() >= record.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, record };
  }

  consume(kind: CodeKind, code: string | undefined): CodeCheck {
    const check = this.peek(kind, code);
    if (check.ok) check.record.usedAt = this.clock.now();
    return check;
  }

  all(kind?: CodeKind): CodeRecord[] {
    return [...this.codes.values()].filter((c) => kind === undefined || c.kind === kind);
  }
}
