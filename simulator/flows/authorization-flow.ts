import type { SimContext } from '../context.js';
import type { CodeRecord } from '../state/code-registry.js';
import type { EventPusher } from '../push/event-pusher.js';
import type { PushRecord } from '../push/push-log.js';

export type AuthorizationEventType = 'authorized' | 'updateauthorized';

export interface AuthorizeResult {
  appid: string;
  authCode: string;
  expiresIn: number;
  preAuthCode: string;
  /** undefined when the owner confirmed an unchanged set (no push, §3.2). */
  event?: AuthorizationEventType;
  push?: PushRecord;
}

/** What happens when an owner confirms, shared by the pages, authorizeDirectly and the release test. */
export class AuthorizationFlow {
  constructor(
    private readonly ctx: SimContext,
    private readonly events: EventPusher,
  ) {}

  /** Grants and mints the authorization code; pushing is the caller's choice (before/after redirect). */
  confirm(appid: string, funcIds: number[], preAuthCode: string): { code: CodeRecord; event?: AuthorizationEventType } {
    const { state } = this.ctx;
    const wasRevoked = state.authorizations.get(appid)?.status === 'revoked';
    const event = state.authorizations.grant(appid, funcIds);
    if (wasRevoked) state.tokens.invalidateAllFor(appid, 40001, ['authorizer']);
    const code = state.codes.issue('auth', appid, this.ctx.options.authCodeTtlSec, { preAuthCode, event });
    return { code, event };
  }

  pushForCode(event: AuthorizationEventType, code: CodeRecord): Promise<PushRecord> {
    return this.events.push(
      event,
      {
        AuthorizerAppid: code.appid,
        AuthorizationCode: code.code,
        // SDKs read it as an absolute unix time (§3.2).
        AuthorizationCodeExpiredTime: code.expiresAt,
        PreAuthCode: String(code.data.preAuthCode ?? ''),
      },
      code.appid,
    );
  }

  /** Skips the browser: a used pre_auth_code, a grant, a code, and the push. */
  async authorizeDirectly(appid: string, funcIds?: number[]): Promise<AuthorizeResult> {
    const account = this.ctx.state.account(appid);
    if (!account) throw new Error(`unknown account ${appid}`);
    const pre = this.ctx.state.codes.issue('pre_auth', this.ctx.componentAppId, this.ctx.options.preAuthCodeTtlSec);
    this.ctx.state.codes.consume('pre_auth', pre.code);
    const { code, event } = this.confirm(appid, funcIds ?? account.funcIds, pre.code);
    const push = event ? await this.pushForCode(event, code) : undefined;
    return {
      appid,
      authCode: code.code,
      expiresIn: this.ctx.options.authCodeTtlSec,
      preAuthCode: pre.code,
      event,
      push,
    };
  }

  /** The owner revokes in WeChat: the refresh token dies (61023) and `unauthorized` is pushed. */
  async revoke(appid: string): Promise<{ revoked: boolean; push?: PushRecord }> {
    if (!this.ctx.state.authorizations.revoke(appid)) return { revoked: false };
    const push = await this.events.push('unauthorized', { AuthorizerAppid: appid }, appid);
    return { revoked: true, push };
  }
}
