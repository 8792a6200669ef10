import type { WechatTransportErrorKind } from './wechat-transport.error.js';

export interface TransportFailure {
  kind: Exclude<WechatTransportErrorKind, 'http_status'>;
  /** True only when the request surely never reached WeChat: safe to resend even a non-idempotent call. */
  unsent: boolean;
  code: string;
}

/** Failures before the connection existed: nothing was written, so nothing reached WeChat. */
const UNSENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);
/** Timeouts once the request may have been written: WeChat may have acted on it. */
const SENT_TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
/** Connection lost mid-exchange (reset, "other side closed", bad framing): ambiguous. */
const AMBIGUOUS = new Set(['UND_ERR_SOCKET', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'UND_ERR_ABORTED']);

function codeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // With autoSelectFamily, a failed connect surfaces as an AggregateError of per-address errors.
  const errors = (err as { errors?: unknown }).errors;
  return Array.isArray(errors) ? codeOf(errors[0]) : undefined;
}

/**
 * Sorts an error thrown by undici into a transport failure, or undefined for a programming error
 * (invalid argument, closed client) that no other host would fix.
 */
export function classifyTransportError(err: unknown, timedOut: boolean): TransportFailure | undefined {
  // Our own per-attempt deadline: the connection may already have carried the request.
  if (timedOut) return { kind: 'timeout', unsent: false, code: 'TIMEOUT' };
  const code = codeOf(err);
  if (code === undefined) return undefined;
  if (UNSENT.has(code))
    return { kind: code === 'UND_ERR_CONNECT_TIMEOUT' ? 'timeout' : 'connection', unsent: true, code };
  // TLS handshake failures happen before the request is written.
  if (/^ERR_TLS_|CERT|SSL/.test(code)) return { kind: 'connection', unsent: true, code };
  if (SENT_TIMEOUTS.has(code)) return { kind: 'timeout', unsent: false, code };
  if (AMBIGUOUS.has(code) || /^HPE_/.test(code) || /^E[A-Z]+$/.test(code)) {
    return { kind: 'connection', unsent: false, code };
  }
  return undefined;
}

const MAX_BACKOFF_MS = 30_000;

/** Exponential backoff with full jitter: a random delay in [0, base * 2^(retry-1)], capped. */
export function backoffDelay(retry: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(baseMs * 2 ** Math.min(retry - 1, 20), Math.max(baseMs, MAX_BACKOFF_MS));
  return Math.floor(random() * ceiling);
}

export interface AttemptTimer {
  signal: AbortSignal;
  timedOut(): boolean;
  clear(): void;
}

/** A per-attempt deadline that, unlike AbortSignal.timeout(), can be cleared once a stream is handed over. */
export function startTimer(ms: number): AttemptTimer {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  return {
    signal: controller.signal,
    timedOut: () => controller.signal.aborted,
    clear: () => clearTimeout(timer),
  };
}

export type WechatBody =
  | { kind: 'ok'; value: unknown }
  | { kind: 'error'; errcode: number; errmsg: string }
  | { kind: 'invalid'; reason: string };

/** Success is a JSON object without errcode or with errcode 0; errcode may be a numeric string. */
export function parseWechatBody(text: string): WechatBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: 'a body that is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'invalid', reason: 'JSON that is not an object' };
  }
  const { errcode, errmsg } = value as { errcode?: unknown; errmsg?: unknown };
  if (errcode === undefined || errcode === null) return { kind: 'ok', value };
  const code = typeof errcode === 'string' && errcode.trim() !== '' ? Number(errcode) : errcode;
  if (typeof code !== 'number' || !Number.isInteger(code))
    return { kind: 'invalid', reason: 'an errcode that is not a number' };
  if (code === 0) return { kind: 'ok', value };
  return { kind: 'error', errcode: code, errmsg: typeof errmsg === 'string' ? errmsg : '' };
}
