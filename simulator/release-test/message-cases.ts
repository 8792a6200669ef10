import type { SimContext } from '../context.js';
import { sleep } from '../http/io.js';
import type { MessagePusher } from '../push/message-pusher.js';
import type { PushRecord } from '../push/push-log.js';
import { RELEASE_TEST_OPENID } from '../seed-data.js';

export type CaseOutcome = { passed: true } | { passed: false; reason: string };

const pass = (): CaseOutcome => ({ passed: true });
const failWith = (reason: string): CaseOutcome => ({ passed: false, reason });

/** A passive text reply with exactly this Content, verified (signature, appid, To/From swap). */
function expectTextReply(push: PushRecord, expected: string): CaseOutcome {
  if (!push.ok) return failWith(push.error ?? 'push failed');
  if (push.reply.kind !== 'xml') return failWith(`expected a passive text reply "${expected}", got ${push.reply.kind}`);
  const { MsgType, Content } = push.reply.fields ?? {};
  if (MsgType !== 'text') return failWith(`reply MsgType is "${MsgType}", expected "text"`);
  if (Content !== expected) return failWith(`reply Content is "${Content}", expected "${expected}"`);
  return pass();
}

/** §7.2 step 3 (older docs): a fan event, answered passively with `<Event>from_callback`. */
export async function eventCase(messages: MessagePusher, appid: string): Promise<CaseOutcome> {
  const push = await messages.push(appid, {
    FromUserName: RELEASE_TEST_OPENID,
    MsgType: 'event',
    Event: 'LOCATION',
    Latitude: '23.137466',
    Longitude: '113.352425',
    Precision: '119.385040',
  });
  return expectTextReply(push, 'LOCATIONfrom_callback');
}

/** §7.2 step 4. */
export async function textCase(messages: MessagePusher, appid: string): Promise<CaseOutcome> {
  const push = await messages.push(appid, {
    FromUserName: RELEASE_TEST_OPENID,
    MsgType: 'text',
    Content: 'TESTCOMPONENT_MSG_TYPE_TEXT',
  });
  return expectTextReply(push, 'TESTCOMPONENT_MSG_TYPE_TEXT_callback');
}

/**
 * §7.2 steps 5/6: `QUERY_AUTH_CODE:<code>` must be answered empty (or `success`), then the gateway
 * exchanges the code and sends `<code>_from_api` to the fan through custom send, with the token from
 * that exchange (older tokens of the test account were killed with 48001 at the start of the run).
 */
export async function apiTextCase(
  ctx: SimContext,
  messages: MessagePusher,
  appid: string,
  code: string,
  timeoutMs: number,
): Promise<CaseOutcome> {
  const since = ctx.recorder.calls().at(-1)?.id ?? 0;
  const push = await messages.push(appid, {
    FromUserName: RELEASE_TEST_OPENID,
    MsgType: 'text',
    Content: `QUERY_AUTH_CODE:${code}`,
  });
  if (!push.ok) return failWith(push.error ?? 'push failed');
  if (push.reply.kind !== 'empty' && push.reply.kind !== 'success') {
    return failWith(`expected an empty reply (or "success") to QUERY_AUTH_CODE, got a ${push.reply.kind} reply`);
  }
  const expected = `${code}_from_api`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() <= deadline) {
    const sent = ctx.state.customMessages.find(
      (m) => m.appid === appid && m.touser === RELEASE_TEST_OPENID && m.time >= push.time && m.content === expected,
    );
    if (sent) return pass();
    await sleep(20);
  }
  return failWith(describeMissingSend(ctx, appid, expected, since, timeoutMs));
}

function describeMissingSend(
  ctx: SimContext,
  appid: string,
  expected: string,
  since: number,
  timeoutMs: number,
): string {
  const attempts = ctx.recorder.calls({ path: '/cgi-bin/message/custom/send' }).filter((c) => c.id > since);
  const exchanged = ctx.recorder.calls({ path: '/cgi-bin/component/api_query_auth' }).filter((c) => c.id > since);
  const wrong = ctx.state.customMessages.filter((m) => m.appid === appid && m.touser === RELEASE_TEST_OPENID).at(-1);
  const parts = [`no custom-send of "${expected}" to ${RELEASE_TEST_OPENID} within ${timeoutMs} ms`];
  parts.push(`api_query_auth calls: ${exchanged.map((c) => c.errcode).join(', ') || 'none'}`);
  parts.push(`custom/send calls: ${attempts.map((c) => c.errcode).join(', ') || 'none'}`);
  if (wrong && wrong.content !== expected) parts.push(`last content sent: "${wrong.content}"`);
  return parts.join('; ');
}
