import type { Readable } from 'node:stream';

/** One attempt of one WeChat call, for metrics (calls by endpoint and errcode). */
export interface WechatCallEvent {
  /** Path only, never the query (which carries the token). */
  endpoint: string;
  /** Host name of the attempt, e.g. api.weixin.qq.com (with the port when not the default). */
  host: string;
  outcome: 'ok' | 'wechat_error' | 'transport_error' | 'http_error';
  errcode?: number;
  status?: number;
  durationMs: number;
  /** 1 for the first attempt of a call, then 2, 3… across hosts. */
  attempt: number;
}

export type WechatCallObserver = (event: WechatCallEvent) => void;

/** DI token of an optional WechatCallObserver (the metrics module provides it). */
export const WECHAT_CALL_OBSERVER = Symbol('WECHAT_CALL_OBSERVER');

/** The pino-style subset the client logs through. */
export interface WechatLogger {
  warn(obj: object, msg: string): void;
  debug?(obj: object, msg: string): void;
}

export interface WechatHttpClientOptions {
  apiBaseUrl: string;
  fallbackUrls: string[];
  /** Per attempt: connect, headers and body of one try on one host. */
  timeoutMs: number;
  /** Extra attempts in total across hosts. */
  maxRetries: number;
  retryBaseDelayMs: number;
  onCall?: WechatCallObserver;
  logger?: WechatLogger;
}

export interface WechatJsonCallOptions {
  /** Query parameters, the token among them (`{ access_token }`); URL-encoded by the client. */
  query?: Record<string, string>;
  /** Overrides the configured per-attempt timeout. */
  timeoutMs?: number;
  /**
   * False for calls WeChat must not see twice (customer-service send, code exchanges: pitfall 18):
   * they are retried only when the request surely never left. Default true.
   */
  idempotent?: boolean;
}

export interface WechatRawRequest {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** A Buffer can be replayed on another host; a stream cannot, so a streamed call is never retried. */
  body?: Buffer | Readable | undefined;
  timeoutMs?: number;
  /** Default true, as for the JSON calls. */
  idempotent?: boolean;
}

export interface WechatRawResponse {
  status: number;
  /** Response headers without hop-by-hop ones (connection, transfer-encoding…). */
  headers: Record<string, string | string[]>;
  body: Readable;
  host: string;
}
