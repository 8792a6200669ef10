import { Injectable, Logger } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { UnavailableError } from '../common/errors/app-errors.js';
import { ComponentConfig } from '../config/config.types.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { ComponentNotConfiguredError } from '../ticket/ticket.errors.js';
import { TicketService } from '../ticket/ticket.service.js';
import { WechatApiError } from '../wechat/wechat-api.error.js';
import { WechatHttpClient } from '../wechat/wechat-http.client.js';
import { WechatInvalidResponseError } from '../wechat/wechat-invalid-response.error.js';

const TOKEN_PATH = '/cgi-bin/component/api_component_token';
/** 61005 ticket expired, 61006 ticket invalid: only a new push helps (wechat-open-platform.md §9). */
const TICKET_ERRCODES = new Set([61005, 61006]);

export interface FetchedComponentToken {
  accessToken: string;
  expiresInSec: number;
}

/**
 * The component's credentials and the one call that turns them plus the latest ticket into a
 * component_access_token. Never calls WeChat without a ticket (pitfall 1): that is a clear 503 here,
 * not WeChat's opaque 61006.
 */
@Injectable()
export class ComponentTokenClient {
  private readonly logger = new Logger(ComponentTokenClient.name);
  private readonly fetches: Counter<'result'>;

  constructor(
    private readonly config: ComponentConfig,
    private readonly tickets: TicketService,
    private readonly http: WechatHttpClient,
    metrics: MetricsService,
  ) {
    this.fetches = metrics.counter(
      'gateway_component_token_fetches_total',
      'api_component_token calls, by result (ok, no_ticket, ticket_rejected, error)',
      ['result'],
    );
  }

  get configured(): boolean {
    return this.config.configured;
  }

  get appId(): string {
    return this.config.appId;
  }

  assertConfigured(): void {
    if (!this.config.configured) throw new ComponentNotConfiguredError();
  }

  async hasTicket(): Promise<boolean> {
    return this.config.configured && (await this.tickets.current(this.config.appId)) !== null;
  }

  async fetch(): Promise<FetchedComponentToken> {
    this.assertConfigured();
    const ticket = await this.tickets.current(this.config.appId, { fresh: true });
    if (!ticket) {
      this.fetches.inc({ result: 'no_ticket' });
      this.askForPush('no ticket');
      throw new UnavailableError(
        'no component_verify_ticket received yet; WeChat pushes one every 10 minutes to POST /wechat/component/events ' +
          '(check the authorization event URL in the WeChat console); a push was requested',
      );
    }
    try {
      const answer = await this.http.postJson<{ component_access_token?: unknown; expires_in?: unknown }>(TOKEN_PATH, {
        component_appid: this.config.appId,
        component_appsecret: this.config.appSecret,
        component_verify_ticket: ticket.ticket,
      });
      const token = parse(answer);
      this.fetches.inc({ result: 'ok' });
      return token;
    } catch (err) {
      throw this.failure(err);
    }
  }

  private failure(err: unknown): unknown {
    if (!(err instanceof WechatApiError && TICKET_ERRCODES.has(err.errcode))) {
      this.fetches.inc({ result: 'error' });
      return err;
    }
    this.fetches.inc({ result: 'ticket_rejected' });
    this.askForPush(`api_component_token answered ${err.errcode}`);
    return new UnavailableError(
      `WeChat refused the component_verify_ticket (${err.message}); a fresh push was requested, ` +
        'WeChat pushes one within about 10 minutes',
    );
  }

  private askForPush(reason: string): void {
    this.tickets.requestPush(reason).catch((err: Error) => {
      this.logger.warn({ reason, error: err.message }, 'could not request a component_verify_ticket push');
    });
  }
}

function parse(answer: { component_access_token?: unknown; expires_in?: unknown }): FetchedComponentToken {
  const { component_access_token: token, expires_in: expiresIn } = answer;
  if (typeof token === 'string' && token !== '' && typeof expiresIn === 'number' && expiresIn > 0) {
    return { accessToken: token, expiresInSec: expiresIn };
  }
  throw new WechatInvalidResponseError({
    path: TOKEN_PATH,
    host: 'WeChat',
    status: 200,
    bytes: 0,
    reason: 'an answer without component_access_token/expires_in',
  });
}
