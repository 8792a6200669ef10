import { describe, expect, it } from '@jest/globals';
import { dedupeKeyOf, toInboundMessage } from './inbound-message.mapper.js';
import { RejectedMessageError } from './message.errors.js';

const APPID = 'wxdemoofficial0001';
const text = { ToUserName: 'gh_demo', FromUserName: 'oUSER1', CreateTime: '1700000050', MsgType: 'text' };
const event = (extra: Record<string, string> = {}) => ({
  ToUserName: 'gh_demo',
  FromUserName: 'oUSER1',
  CreateTime: '1700000060',
  MsgType: 'event',
  Event: 'CLICK',
  EventKey: 'MENU_1',
  ...extra,
});

describe('dedupeKeyOf', () => {
  it('uses MsgId, as text, prefixed by the appid', () => {
    // 2^63 - 1 would lose digits as a number.
    expect(dedupeKeyOf(APPID, { ...text, MsgId: '9223372036854775807' })).toBe(`${APPID}:m:9223372036854775807`);
    expect(dedupeKeyOf('wxdemoofficial0002', { ...text, MsgId: '1' })).not.toBe(
      dedupeKeyOf(APPID, { ...text, MsgId: '1' }),
    );
  });

  it('ignores user, time and content when MsgId is there (a resend is the same message)', () => {
    expect(dedupeKeyOf(APPID, { ...text, MsgId: '5', Content: 'a' })).toBe(
      dedupeKeyOf(APPID, { ...text, MsgId: '5', CreateTime: '1', Content: 'b' }),
    );
  });

  it('hashes a MsgId of an odd shape instead of using it raw', () => {
    expect(dedupeKeyOf(APPID, { ...text, MsgId: 'a:b c'.repeat(50) })).toMatch(new RegExp(`^${APPID}:m:[0-9a-f]{40}$`));
  });

  it('keys events by FromUserName + CreateTime + Event + EventKey', () => {
    const key = dedupeKeyOf(APPID, event());
    expect(key).toMatch(new RegExp(`^${APPID}:e:[0-9a-f]{40}$`));
    expect(dedupeKeyOf(APPID, event())).toBe(key);
    expect(dedupeKeyOf(APPID, event({ FromUserName: 'oUSER2' }))).not.toBe(key);
    expect(dedupeKeyOf(APPID, event({ CreateTime: '1700000061' }))).not.toBe(key);
    expect(dedupeKeyOf(APPID, event({ Event: 'VIEW' }))).not.toBe(key);
    expect(dedupeKeyOf(APPID, event({ EventKey: 'MENU_2' }))).not.toBe(key);
    expect(dedupeKeyOf('wxdemoofficial0002', event())).not.toBe(key);
  });

  it('adds event-specific ids: MsgID of template reports, trace_id of media checks', () => {
    const report = { ...event(), Event: 'TEMPLATESENDJOBFINISH', EventKey: '' };
    expect(dedupeKeyOf(APPID, { ...report, MsgID: '200163836' })).not.toBe(
      dedupeKeyOf(APPID, { ...report, MsgID: '200163837' }),
    );
    const check = { ...event(), Event: 'wxa_media_check', EventKey: '' };
    expect(dedupeKeyOf(APPID, { ...check, trace_id: 't1' })).not.toBe(dedupeKeyOf(APPID, { ...check, trace_id: 't2' }));
  });

  it('keeps field boundaries: moved characters make another key', () => {
    expect(dedupeKeyOf(APPID, event({ Event: 'AB', EventKey: 'C' }))).not.toBe(
      dedupeKeyOf(APPID, event({ Event: 'A', EventKey: 'BC' })),
    );
  });
});

describe('toInboundMessage', () => {
  const ctx = { appid: APPID, componentAppid: 'wxdemocomponent000', encrypted: true, receivedAt: new Date(0) };

  it('maps the header fields and keeps unknown ones raw', () => {
    const fields = {
      ...text,
      MsgType: 'miniprogrampage',
      MsgId: '24000000000000001',
      PagePath: 'p/i',
      Odd: { A: '1' },
    };
    const m = toInboundMessage(fields, ctx);
    expect(m).toMatchObject({
      dedupeKey: `${APPID}:m:24000000000000001`,
      appid: APPID,
      componentAppid: 'wxdemocomponent000',
      toUserName: 'gh_demo',
      fromUserName: 'oUSER1',
      createTime: 1700000050,
      msgType: 'miniprogrampage',
      event: null,
      msgId: '24000000000000001',
      encrypted: true,
    });
    expect(m.fields).toBe(fields);
  });

  it('reads Event for events only', () => {
    expect(toInboundMessage(event(), ctx)).toMatchObject({ event: 'CLICK', msgId: null });
  });

  it('refuses a message without ToUserName, FromUserName or MsgType', () => {
    for (const drop of ['ToUserName', 'FromUserName', 'MsgType']) {
      const fields: Record<string, unknown> = { ...text };
      delete fields[drop];
      expect(() => toInboundMessage(fields, ctx)).toThrow(RejectedMessageError);
    }
  });
});
