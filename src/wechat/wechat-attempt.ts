import { Buffer } from 'node:buffer';
import { WechatApiError } from './wechat-api.error.js';
import type { WechatCallEvent } from './wechat-call.types.js';
import { classifyTransportError, parseWechatBody } from './wechat-failover.js';
import { WechatInvalidResponseError } from './wechat-invalid-response.error.js';
import { WechatTransportError } from './wechat-transport.error.js';

/** One call as the failover loop sees it. */
export interface Call {
  /** Validated endpoint path, without query. */
  path: string;
  timeoutMs: number;
  idempotent: boolean;
  /** False for a streamed body, which cannot be sent twice. */
  replayable: boolean;
}

/**
 * A failed attempt. retry 'unsent': the request surely never left, resending is always safe;
 * 'sent': WeChat may have acted on it, resend only idempotent calls; 'never': the caller's business.
 * giveUp() produces the outcome when no further attempt is made (throws, or for the raw proxy returns).
 */
export interface Failure<T> {
  ok: false;
  retry: 'unsent' | 'sent' | 'never';
  /** -1 "system busy": the same host once more before the backup host (section 9). */
  sameHost?: boolean;
  /** For the retry log line: an errno-like code, `HTTP 503` or `errcode -1`; never a message. */
  reason: string;
  giveUp(hosts: string[]): T;
}

export type Attempt<T> = { ok: true; value: T } | Failure<T>;

export type Report = (e: Pick<WechatCallEvent, 'outcome' | 'errcode' | 'status'>) => void;

function failWith<T>(error: Error, retry: Failure<T>['retry'], reason: string, sameHost = false): Failure<T> {
  return {
    ok: false,
    retry,
    sameHost,
    reason,
    giveUp: () => {
      throw error;
    },
  };
}

/** A JSON call answered with HTTP 2xx: WeChat's verdict is in the body, whatever the status. */
export function jsonOutcome<T>(call: Call, host: string, res: JsonAnswer, report: Report): Attempt<T> {
  const { status, text } = res;
  const body = parseWechatBody(text);
  if (body.kind === 'ok') {
    report({ outcome: 'ok', status, errcode: 0 });
    return { ok: true, value: body.value as T };
  }
  if (body.kind === 'error') {
    report({ outcome: 'wechat_error', status, errcode: body.errcode });
    const error = new WechatApiError(body.errcode, body.errmsg, call.path);
    return failWith(error, body.errcode === -1 ? 'sent' : 'never', `errcode ${body.errcode}`, true);
  }
  report({ outcome: 'http_error', status });
  const { contentType } = res;
  const bytes = Buffer.byteLength(text);
  const error = new WechatInvalidResponseError({
    path: call.path,
    host,
    status,
    contentType,
    bytes,
    reason: body.reason,
  });
  return failWith(error, 'never', 'invalid body');
}

export interface JsonAnswer {
  status: number;
  contentType?: string;
  text: string;
}

export function statusFailure<T>(call: Call, status: number, report: Report): Failure<T> {
  report({ outcome: 'http_error', status });
  return {
    ok: false,
    // A 5xx may come from WeChat's front end after the request got in: resend only idempotent calls.
    retry: status >= 500 ? 'sent' : 'never',
    reason: `HTTP ${status}`,
    giveUp: (hosts) => {
      throw new WechatTransportError({ kind: 'http_status', path: call.path, hosts, status });
    },
  };
}

/** Rethrows what is not a transport failure (a programming error no other host would fix). */
export function transportFailure<T>(err: unknown, timedOut: boolean, call: Call, report: Report): Failure<T> {
  const failure = classifyTransportError(err, timedOut);
  if (failure === undefined) throw err;
  report({ outcome: 'transport_error' });
  const { kind, code } = failure;
  return {
    ok: false,
    retry: failure.unsent ? 'unsent' : 'sent',
    reason: code,
    giveUp: (hosts) => {
      throw new WechatTransportError({ kind, path: call.path, hosts, causeCode: code, timeoutMs: call.timeoutMs });
    },
  };
}
