import { describe, expect, it } from '@jest/globals';
import { joinList, matchesFilter, splitList, type WebhookFilter } from './webhook-filter.js';

const all: WebhookFilter = { msgTypes: null, events: null, appids: null };
const msg = (msgType: string, event: string | null = null, appid = 'wx0000000000000001') => ({ appid, msgType, event });

describe('matchesFilter', () => {
  it('passes everything without a filter', () => {
    expect(matchesFilter(all, msg('text'))).toBe(true);
    expect(matchesFilter(all, msg('event', 'subscribe'))).toBe(true);
  });

  it('filters by appid', () => {
    const f = { ...all, appids: ['wx0000000000000001'] };
    expect(matchesFilter(f, msg('text'))).toBe(true);
    expect(matchesFilter(f, msg('text', null, 'wx0000000000000002'))).toBe(false);
  });

  it('filters by MsgType without case', () => {
    const f = { ...all, msgTypes: ['text', 'event'] };
    expect(matchesFilter(f, msg('text'))).toBe(true);
    expect(matchesFilter(f, msg('TEXT'))).toBe(true);
    expect(matchesFilter(f, msg('event', 'CLICK'))).toBe(true);
    expect(matchesFilter(f, msg('image'))).toBe(false);
  });

  it('narrows events with events, leaving other MsgTypes alone', () => {
    const f = { ...all, msgTypes: ['text', 'event'], events: ['subscribe', 'click'] };
    expect(matchesFilter(f, msg('text'))).toBe(true);
    expect(matchesFilter(f, msg('event', 'subscribe'))).toBe(true);
    expect(matchesFilter(f, msg('event', 'CLICK'))).toBe(true);
    expect(matchesFilter(f, msg('event', 'unsubscribe'))).toBe(false);
    expect(matchesFilter(f, msg('event', null))).toBe(false);
  });

  it('reads events alone as "only these events"', () => {
    const f = { ...all, events: ['subscribe'] };
    expect(matchesFilter(f, msg('event', 'subscribe'))).toBe(true);
    expect(matchesFilter(f, msg('event', 'LOCATION'))).toBe(false);
    expect(matchesFilter(f, msg('text'))).toBe(false);
  });
});

describe('joinList / splitList', () => {
  it('stores lists space-separated, de-duplicated, lower-cased on request; empty is "every"', () => {
    expect(joinList(['CLICK', 'click', 'subscribe'], true)).toBe('click subscribe');
    expect(joinList(['wxAbc'], false)).toBe('wxAbc');
    expect(joinList([], true)).toBeNull();
    expect(joinList(null, true)).toBeNull();
    expect(splitList('click subscribe')).toEqual(['click', 'subscribe']);
    expect(splitList(null)).toBeNull();
  });
});
