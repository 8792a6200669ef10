import { describe, expect, it, jest } from '@jest/globals';
import type { MessageConfig } from '../config/config.types.js';
import { UnavailableError } from '../common/errors/app-errors.js';
import type { DispatchResult, InboundDispatcher, InboundMessage } from '../webhook/webhook.types.js';
import { toInboundMessage } from './inbound-message.mapper.js';
import { InboundMessageProcessor } from './inbound-message.processor.js';
import { MemoryMessageDedupeStore } from './memory-message-dedupe.store.js';
import type { ReleaseTestResponder } from './release-test.responder.js';

const FAN = 'ozy4qt5QUADNXORxCVipKMV9dss0';
const ctx = (appid: string) => ({
  appid,
  componentAppid: 'wxdemocomponent000',
  encrypted: true,
  receivedAt: new Date(),
});
const message = (appid: string, toUserName: string, extra: Record<string, string>): InboundMessage =>
  toInboundMessage({ ToUserName: toUserName, FromUserName: FAN, CreateTime: '1700000000', ...extra }, ctx(appid));

function setup(opts: { responder?: boolean; dispatch?: (m: InboundMessage) => Promise<DispatchResult> } = {}) {
  const dispatched: InboundMessage[] = [];
  const dispatch = opts.dispatch ?? (async () => ({ reply: { type: 'text' as const, content: 'hello' }, queued: 1 }));
  const dispatcher = {
    dispatch: (m: InboundMessage) => {
      dispatched.push(m);
      return dispatch(m);
    },
  } as InboundDispatcher;
  const api = jest.fn<(appid: string, code: string, touser: string) => void>();
  const responder = { answerWithApi: api } as unknown as ReleaseTestResponder;
  const config: MessageConfig = { releaseTestResponder: opts.responder ?? true };
  const processor = new InboundMessageProcessor(new MemoryMessageDedupeStore(), responder, config, dispatcher);
  return { processor, dispatched, api };
}

const soon = () => Date.now() + 1000;

describe('InboundMessageProcessor', () => {
  it('dispatches once and answers a resend with the first reply', async () => {
    const { processor, dispatched } = setup();
    const m = message('wxdemoofficial0001', 'gh_demo', { MsgType: 'text', Content: 'hi', MsgId: '1' });
    const first = await processor.process(m, soon());
    expect(first.outcome).toBe('replied');
    expect(first.answer).toMatchObject({ kind: 'reply', xml: expect.stringContaining('<Content><![CDATA[hello]]>') });
    const again = await processor.process({ ...m }, soon());
    expect(again).toEqual({ answer: first.answer, outcome: 'duplicate' });
    expect(dispatched).toHaveLength(1);
  });

  it('lets a resend that arrives while the first is processed wait for its answer', async () => {
    let finish: (r: DispatchResult) => void = () => undefined;
    const { processor, dispatched } = setup({ dispatch: () => new Promise((r) => (finish = r)) });
    const m = message('wxdemoofficial0001', 'gh_demo', { MsgType: 'text', Content: 'hi', MsgId: '2' });
    const first = processor.process(m, soon());
    const resend = processor.process(m, soon());
    setTimeout(() => finish({ reply: { type: 'text', content: 'late' }, queued: 0 }), 60);
    const [a, b] = await Promise.all([first, resend]);
    expect(b.answer).toEqual(a.answer);
    expect(dispatched).toHaveLength(1);
  });

  it('answers success to a resend whose first answer is not known by the deadline', async () => {
    const { processor } = setup({ dispatch: () => new Promise(() => undefined) });
    const m = message('wxdemoofficial0001', 'gh_demo', { MsgType: 'text', Content: 'hi', MsgId: '3' });
    void processor.process(m, soon());
    expect(await processor.process(m, Date.now() + 60)).toEqual({ answer: { kind: 'success' }, outcome: 'duplicate' });
  });

  it('answers success when the dispatcher has no reply', async () => {
    const { processor } = setup({ dispatch: async () => ({ reply: null, queued: 2 }) });
    const m = message('wxdemoofficial0001', 'gh_demo', { MsgType: 'event', Event: 'subscribe' });
    expect(await processor.process(m, soon())).toEqual({ answer: { kind: 'success' }, outcome: 'success' });
  });

  it('forgets the claim when the hand-off fails, so the resend is dispatched', async () => {
    let fail = true;
    const { processor, dispatched } = setup({
      dispatch: async () => {
        if (fail) throw new Error('database down');
        return { reply: null, queued: 1 };
      },
    });
    const m = message('wxdemoofficial0001', 'gh_demo', { MsgType: 'text', Content: 'hi', MsgId: '4' });
    await expect(processor.process(m, soon())).rejects.toBeInstanceOf(UnavailableError);
    fail = false;
    expect((await processor.process(m, soon())).outcome).toBe('success');
    expect(dispatched).toHaveLength(2);
  });

  it('answers the release test before the dispatcher, and never twice for the API case', async () => {
    const { processor, dispatched, api } = setup();
    const text = message('wx570bc396a51b8ff8', 'gh_3c884a361561', {
      MsgType: 'text',
      Content: 'TESTCOMPONENT_MSG_TYPE_TEXT',
      MsgId: '5',
    });
    const answered = await processor.process(text, soon());
    expect(answered.outcome).toBe('release_test');
    expect(answered.answer).toMatchObject({ xml: expect.stringContaining('TESTCOMPONENT_MSG_TYPE_TEXT_callback') });
    const query = message('wx570bc396a51b8ff8', 'gh_3c884a361561', {
      MsgType: 'text',
      Content: 'QUERY_AUTH_CODE:queryauthcode@@@abc',
      MsgId: '6',
    });
    expect(await processor.process(query, soon())).toEqual({ answer: { kind: 'empty' }, outcome: 'release_test' });
    expect(await processor.process(query, soon())).toEqual({ answer: { kind: 'empty' }, outcome: 'duplicate' });
    expect(api.mock.calls).toEqual([['wx570bc396a51b8ff8', 'queryauthcode@@@abc', FAN]]);
    expect(dispatched).toHaveLength(0);
  });

  it('dispatches test-account messages like any other when RELEASE_TEST_RESPONDER=false', async () => {
    const { processor, dispatched } = setup({ responder: false });
    const m = message('wx570bc396a51b8ff8', 'gh_3c884a361561', { MsgType: 'event', Event: 'LOCATION' });
    expect((await processor.process(m, soon())).outcome).toBe('replied');
    expect(dispatched).toHaveLength(1);
  });
});
