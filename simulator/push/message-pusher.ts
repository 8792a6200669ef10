import type { SimContext } from '../context.js';
import { newMsgId } from '../core/ids.js';
import { buildXml, parseXml, type XmlFields } from '../core/xml.js';
import { buildPushRequest, withQuery } from './envelope.js';
import { postWithResends } from './http-post.js';
import type { PushMode, PushRecord } from './push-log.js';
import { checkMessageReply } from './reply-check.js';

export interface PushMessageOptions {
  mode?: PushMode;
}

/**
 * User messages and events for an authorizer, POSTed to the message URL template with `$APPID$`
 * replaced (§6.1). Missing header fields are filled in: ToUserName = the account's gh_ id,
 * FromUserName = its first seeded user, CreateTime = now, MsgId for non-events.
 */
export class MessagePusher {
  constructor(private readonly ctx: SimContext) {}

  async push(appid: string, message: XmlFields | string, opts: PushMessageOptions = {}): Promise<PushRecord> {
    const { ctx } = this;
    const mode = opts.mode ?? 'safe';
    const plaintext = typeof message === 'string' ? message : this.complete(appid, message);
    const fields = parseXml(plaintext);
    if (!fields?.ToUserName || !fields.FromUserName) throw new Error('message needs ToUserName and FromUserName');
    const type = fields.MsgType === 'event' ? `event:${fields.Event ?? ''}` : (fields.MsgType ?? 'unknown');
    const base = { target: 'message' as const, type, appid, plaintext, mode, time: ctx.clock.now() };
    const template = ctx.options.messageUrlTemplate;
    if (!template) {
      const error = 'messageUrlTemplate not configured';
      return ctx.pushLog.add({
        ...base,
        url: '',
        query: {},
        body: '',
        attempts: [],
        reply: { kind: 'none', verified: false, error },
        ok: false,
        error,
      });
    }
    const request = buildPushRequest(ctx, plaintext, mode, { ToUserName: fields.ToUserName });
    // Official-account pushes carry the sender's openid too (§6.1).
    const query = { ...request.query, openid: fields.FromUserName };
    const url = withQuery(template.split('$APPID$').join(appid), query);
    const outcome = await postWithResends(url, request.body, {
      timeoutMs: ctx.options.pushTimeoutMs,
      resends: ctx.options.pushResends,
    });
    const reply = checkMessageReply(ctx, mode, fields, outcome.status, outcome.body);
    const record = ctx.pushLog.add({
      ...base,
      url,
      query,
      body: request.body,
      attempts: outcome.attempts,
      status: outcome.status,
      replyRaw: outcome.body,
      reply,
      ok: reply.verified,
      error: reply.error,
    });
    ctx.log(`push message ${type} to ${appid} → ${record.ok ? reply.kind : `FAILED (${record.error})`}`);
    return record;
  }

  private complete(appid: string, message: XmlFields): string {
    const account = this.ctx.state.account(appid);
    if (!account) throw new Error(`unknown account ${appid}`);
    const isEvent = message.MsgType === 'event';
    return buildXml({
      ToUserName: account.userName,
      FromUserName: account.users[0]?.openid ?? 'oSIMULATORuser00000000000001',
      CreateTime: this.ctx.clock.now(),
      ...message,
      MsgId: isEvent ? undefined : (message.MsgId ?? newMsgId()),
    });
  }
}
