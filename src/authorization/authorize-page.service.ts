import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppError } from '../common/errors/app-errors.js';
import { WechatApiError } from '../wechat/wechat-api.error.js';
import { wechatErrorMapper } from '../wechat/wechat-error.mapper.js';
import { AuthorizationUrlService } from './authorization-url.service.js';
import { AuthorizationService } from './authorization.service.js';
import type { AuthType } from './authorization-urls.js';
import { contentSecurityPolicy, messagePage, redirectPage, resultPage } from './authorize-page.html.js';
import { RedirectNotAllowedError } from './authorization.errors.js';

export type PageResult =
  | { kind: 'html'; status: number; html: string; headers: Record<string, string> }
  | { kind: 'redirect'; location: string };

export interface EntryQuery {
  redirectUri?: string;
  authType?: string;
  bizAppid?: string;
  userAgent?: string;
}

export interface CallbackQuery {
  authCode?: string;
  returnTo?: string;
}

const AUTH_TYPES = new Set(['1', '2', '3']);
/** WeChat's in-app browser or a phone: the H5 page; anything else: the PC scan page. */
const MOBILE_UA = /MicroMessenger|Mobile/i;

/** The browser-facing pages: /wechat/authorize and /wechat/authorize/callback. */
@Injectable()
export class AuthorizePageService {
  private readonly logger = new Logger(AuthorizePageService.name);

  constructor(
    private readonly urls: AuthorizationUrlService,
    private readonly authorization: AuthorizationService,
  ) {}

  /** Mints its own pre_auth_code per visit (pitfall 15) and lets the browser navigate to WeChat (§5.2). */
  async entry(q: EntryQuery): Promise<PageResult> {
    if (q.authType !== undefined && !AUTH_TYPES.has(q.authType)) {
      return page(400, 'Invalid authorization link', ['auth_type must be 1, 2 or 3.'], 'authorization-error');
    }
    try {
      const urls = await this.urls.buildUrls({
        redirectUri: q.redirectUri,
        authType: q.authType ? (Number(q.authType) as AuthType) : undefined,
        bizAppid: q.bizAppid || undefined,
      });
      const nonce = randomBytes(16).toString('base64');
      const target = MOBILE_UA.test(q.userAgent ?? '') ? urls.mobileUrl : urls.pcUrl;
      return { kind: 'html', status: 200, html: redirectPage(target, nonce), headers: headers(nonce) };
    } catch (err) {
      return this.errorPage(err);
    }
  }

  /** WeChat sends the browser back with auth_code; store the account, then on to return_to with appid. */
  async callback(q: CallbackQuery): Promise<PageResult> {
    if (!q.authCode) {
      return page(
        400,
        'Authorization not completed',
        ['WeChat did not return an authorization code.'],
        'authorization-error',
      );
    }
    try {
      this.urls.assertAllowed(q.returnTo, 'return_to'); // re-checked: the query can be forged
      const account = await this.authorization.exchangeAuthorizationCode(q.authCode, 'callback');
      if (!q.returnTo)
        return { kind: 'html', status: 200, html: resultPage(account.nickName, account.appid), headers: headers() };
      const target = new URL(q.returnTo);
      target.searchParams.set('appid', account.appid);
      return { kind: 'redirect', location: target.toString() };
    } catch (err) {
      return this.errorPage(err);
    }
  }

  private errorPage(err: unknown): PageResult {
    if (err instanceof WechatApiError && (err.errcode === 61009 || err.errcode === 61010)) {
      return page(
        400,
        'Authorization link used or expired',
        ['This authorization link was already used or has expired; start again from the authorization page.'],
        'authorization-code-invalid',
      );
    }
    if (err instanceof RedirectNotAllowedError) {
      return page(400, 'Invalid authorization link', [err.message], 'authorization-error');
    }
    if (err instanceof AppError && err.status === HttpStatus.SERVICE_UNAVAILABLE) {
      return page(
        503,
        'Authorization unavailable',
        [err.message, 'Try again in a few minutes.'],
        'authorization-unavailable',
      );
    }
    if (err instanceof AppError) return page(err.status, 'Authorization failed', [err.message], 'authorization-error');
    const wechat = wechatErrorMapper(err); // WeChat refused, timed out or could not be reached: 502/503/504
    if (wechat) {
      this.logger.warn({ status: wechat.statusCode, errcode: wechat.errcode }, 'WeChat failed an authorization step');
      return page(
        wechat.statusCode,
        'WeChat did not complete the request',
        [wechat.message],
        'authorization-wechat-error',
      );
    }
    this.logger.error(
      { err: { name: (err as Error)?.name, stack: (err as Error)?.stack } },
      'authorization page failed',
    );
    return page(500, 'Authorization failed', ['Something went wrong on our side; start again.'], 'authorization-error');
  }
}

function headers(nonce?: string): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': contentSecurityPolicy(nonce),
    // Keep the Referer (with our host) on the navigation to WeChat: WeChat checks the entry domain (§5.2).
    'Referrer-Policy': 'no-referrer-when-downgrade',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}

function page(status: number, title: string, lines: string[], id: string): PageResult {
  return { kind: 'html', status, html: messagePage(title, lines, id), headers: headers() };
}
