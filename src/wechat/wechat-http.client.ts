import type { OnModuleDestroy } from '@nestjs/common';
import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, type Dispatcher } from 'undici';
import { redactUrl } from './redact.js';
import {
  jsonOutcome,
  statusFailure,
  transportFailure,
  type Attempt,
  type Call,
  type Failure,
  type Report,
} from './wechat-attempt.js';
import type {
  WechatHttpClientOptions,
  WechatJsonCallOptions,
  WechatRawRequest,
  WechatRawResponse,
} from './wechat-call.types.js';
import { backoffDelay, startTimer } from './wechat-failover.js';
import { assertSafePath, forwardableHeaders, parseHost, queryString, type WechatHost } from './wechat-path.js';

interface Send {
  method: string;
  query?: Record<string, string>;
  headers: Record<string, string | string[]>;
  body?: Buffer | Readable;
}

/**
 * The one HTTP client of the gateway towards WeChat: keep-alive connections, a deadline per attempt,
 * failover from api.weixin.qq.com to the configured backup hosts (pitfall 20), errcode → WechatApiError.
 * Token errors (40001 & co.) and every other errcode but -1 are the caller's business: never retried here.
 */
export class WechatHttpClient implements OnModuleDestroy {
  private readonly hosts: WechatHost[];
  private readonly agent: Agent;

  constructor(private readonly options: WechatHttpClientOptions) {
    this.hosts = [options.apiBaseUrl, ...options.fallbackUrls].map(parseHost);
    this.agent = new Agent({
      keepAliveTimeout: 4_000,
      connectTimeout: options.timeoutMs,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  // async so that a refused path rejects like every other failure instead of throwing synchronously.
  async getJson<T>(path: string, opts: WechatJsonCallOptions = {}): Promise<T> {
    return this.json<T>('GET', path, undefined, opts);
  }

  async postJson<T>(path: string, body: unknown, opts: WechatJsonCallOptions = {}): Promise<T> {
    return this.json<T>('POST', path, Buffer.from(JSON.stringify(body), 'utf8'), opts);
  }

  /** Pass-through for the proxy: the answer as it came (a 5xx too, once no further attempt is allowed). */
  async request(req: WechatRawRequest): Promise<WechatRawResponse> {
    const replayable = !(req.body instanceof Readable);
    const call = this.prepare(req.path, req.timeoutMs, req.idempotent, replayable);
    const headers = forwardableHeaders(req.headers, replayable);
    const send: Send = { method: req.method.toUpperCase(), query: req.query, headers, body: req.body };
    return this.withFailover(call, (host, attempt) => this.rawAttempt(call, host, attempt, send));
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }

  private json<T>(method: string, path: string, body: Buffer | undefined, opts: WechatJsonCallOptions): Promise<T> {
    const call = this.prepare(path, opts.timeoutMs, opts.idempotent, true);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const send: Send = { method, query: opts.query, headers, body };
    return this.withFailover(call, (host, attempt) => this.jsonAttempt<T>(call, host, attempt, send));
  }

  private prepare(
    path: string,
    timeoutMs: number | undefined,
    idempotent: boolean | undefined,
    replayable: boolean,
  ): Call {
    assertSafePath(path);
    return { path, timeoutMs: timeoutMs ?? this.options.timeoutMs, idempotent: idempotent ?? true, replayable };
  }

  private async withFailover<T>(
    call: Call,
    run: (host: WechatHost, attempt: number) => Promise<Attempt<T>>,
  ): Promise<T> {
    const tried: string[] = [];
    let index = 0;
    let retriedHere = false;
    for (let attempt = 1; ; attempt++) {
      const host = this.hosts[index % this.hosts.length];
      if (!tried.includes(host.name)) tried.push(host.name);
      const result = await run(host, attempt);
      if (result.ok) return result.value;
      if (attempt > this.options.maxRetries || !this.mayRetry(result, call)) return result.giveUp(tried);
      // -1 "system busy": the same host once more, then the backup host (docs section 9).
      if (result.sameHost && !retriedHere) retriedHere = true;
      else [index, retriedHere] = [index + 1, false];
      const delayMs = backoffDelay(attempt, this.options.retryBaseDelayMs);
      const next = this.hosts[index % this.hosts.length].name;
      this.options.logger?.warn(
        {
          endpoint: redactUrl(call.path),
          host: host.name,
          next_host: next,
          attempt,
          reason: result.reason,
          delay_ms: delayMs,
        },
        'WeChat call failed, retrying',
      );
      await sleep(delayMs);
    }
  }

  private mayRetry(failure: Failure<unknown>, call: Call): boolean {
    if (!call.replayable || failure.retry === 'never') return false;
    return failure.retry === 'unsent' || call.idempotent;
  }

  private dispatch(call: Call, host: WechatHost, send: Send, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
    return this.agent.request({
      origin: host.origin,
      path: host.prefix + call.path + queryString(send.query),
      method: send.method,
      headers: send.headers,
      body: send.body,
      signal,
      headersTimeout: call.timeoutMs,
      bodyTimeout: call.timeoutMs,
    });
  }

  private async jsonAttempt<T>(call: Call, host: WechatHost, attempt: number, send: Send): Promise<Attempt<T>> {
    const report = this.reporter(call, host, attempt);
    const timer = startTimer(call.timeoutMs);
    let res: Dispatcher.ResponseData;
    let text: string;
    try {
      res = await this.dispatch(call, host, send, timer.signal);
      text = await res.body.text();
    } catch (err) {
      return transportFailure<T>(err, timer.timedOut(), call, report);
    } finally {
      timer.clear();
    }
    const status = res.statusCode;
    if (status < 200 || status >= 300) return statusFailure<T>(call, status, report);
    const contentType = [res.headers['content-type'] ?? []].flat()[0];
    return jsonOutcome<T>(call, host.name, { status, contentType, text }, report);
  }

  private async rawAttempt(
    call: Call,
    host: WechatHost,
    attempt: number,
    send: Send,
  ): Promise<Attempt<WechatRawResponse>> {
    const report = this.reporter(call, host, attempt);
    const timer = startTimer(call.timeoutMs);
    try {
      const res = await this.dispatch(call, host, send, timer.signal);
      const status = res.statusCode;
      const answer = { status, headers: forwardableHeaders(res.headers, false), host: host.name };
      if (status < 500) {
        report({ outcome: status < 400 ? 'ok' : 'http_error', status });
        // The deadline covers the wait for headers; the body then streams under undici's bodyTimeout (idle time).
        return { ok: true, value: { ...answer, body: res.body } };
      }
      // Kept so that this 5xx can still be handed over as it came when no further attempt follows.
      const body = Buffer.from(await res.body.arrayBuffer());
      const failure = statusFailure<WechatRawResponse>(call, status, report);
      return { ...failure, giveUp: () => ({ ...answer, body: Readable.from([body]) }) };
    } catch (err) {
      return transportFailure(err, timer.timedOut(), call, report);
    } finally {
      timer.clear();
    }
  }

  private reporter(call: Call, host: WechatHost, attempt: number): Report {
    const started = performance.now();
    return (e) => {
      const durationMs = Math.round(performance.now() - started);
      try {
        this.options.onCall?.({ endpoint: call.path, host: host.name, attempt, durationMs, ...e });
      } catch (err) {
        // A broken observer (metrics) must never fail a WeChat call.
        this.options.logger?.warn(
          { error: err instanceof Error ? err.name : typeof err },
          'WeChat call observer threw',
        );
      }
    };
  }
}
