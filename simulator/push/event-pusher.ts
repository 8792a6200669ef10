import type { SimContext } from '../context.js';
import { buildXml, type XmlFields } from '../core/xml.js';
import { buildPushRequest, withQuery } from './envelope.js';
import { postWithResends } from './http-post.js';
import type { PushRecord } from './push-log.js';
import { checkEventReply } from './reply-check.js';

/** Pushes to the authorization event URL (§3): always safe mode, envelope `<AppId>` + `<Encrypt>`. */
export class EventPusher {
  constructor(private readonly ctx: SimContext) {}

  async pushTicket(): Promise<PushRecord> {
    const ticket = this.ctx.state.tickets.issue();
    return this.push('component_verify_ticket', { ComponentVerifyTicket: ticket.ticket });
  }

  async push(infoType: string, fields: XmlFields, appid?: string): Promise<PushRecord> {
    const { ctx } = this;
    const plaintext = buildXml({
      AppId: ctx.componentAppId,
      CreateTime: ctx.clock.now(),
      InfoType: infoType,
      ...fields,
    });
    const base = {
      target: 'event' as const,
      type: infoType,
      appid,
      plaintext,
      mode: 'safe' as const,
      time: ctx.clock.now(),
    };
    const eventUrl = ctx.options.eventUrl;
    if (!eventUrl) {
      const error = 'eventUrl not configured';
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
    const { query, body } = buildPushRequest(ctx, plaintext, 'safe', { AppId: ctx.componentAppId });
    const url = withQuery(eventUrl, query);
    const outcome = await postWithResends(url, body, {
      timeoutMs: ctx.options.pushTimeoutMs,
      resends: ctx.options.pushResends,
    });
    const reply = checkEventReply(outcome.status, outcome.body);
    const record = ctx.pushLog.add({
      ...base,
      url,
      query,
      body,
      attempts: outcome.attempts,
      status: outcome.status,
      replyRaw: outcome.body,
      reply,
      ok: reply.verified,
      error: reply.error,
    });
    ctx.log(`push ${infoType} → ${record.ok ? 'success' : `FAILED (${record.error})`}`);
    return record;
  }
}
