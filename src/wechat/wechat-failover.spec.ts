import { describe, expect, it } from '@jest/globals';
import { backoffDelay, classifyTransportError, parseWechatBody } from './wechat-failover.js';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('classifyTransportError', () => {
  it.each([
    ['ECONNREFUSED', 'connection', true],
    ['ENOTFOUND', 'connection', true],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout', true],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'connection', true],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout', false],
    ['UND_ERR_BODY_TIMEOUT', 'timeout', false],
    ['ECONNRESET', 'connection', false],
    ['UND_ERR_SOCKET', 'connection', false],
  ])('%s is %s, unsent=%s', (code, kind, unsent) => {
    expect(classifyTransportError(withCode(code), false)).toEqual({ kind, unsent, code });
  });

  it('treats our own deadline as a timeout that may have reached WeChat', () => {
    expect(classifyTransportError(new Error('aborted'), true)).toEqual({
      kind: 'timeout',
      unsent: false,
      code: 'TIMEOUT',
    });
  });

  it('reads the code of an AggregateError (happy eyeballs)', () => {
    const err = new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'connect failed');
    expect(classifyTransportError(err, false)).toMatchObject({ code: 'ECONNREFUSED', unsent: true });
  });

  it('leaves programming errors alone', () => {
    expect(classifyTransportError(withCode('UND_ERR_INVALID_ARG'), false)).toBeUndefined();
    expect(classifyTransportError(withCode('UND_ERR_CLOSED'), false)).toBeUndefined();
    expect(classifyTransportError(new TypeError('x'), false)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('draws from [0, base * 2^(n-1)) and caps the ceiling', () => {
    expect(backoffDelay(1, 200, () => 0)).toBe(0);
    expect(backoffDelay(1, 200, () => 0.999)).toBe(199);
    expect(backoffDelay(3, 200, () => 0.5)).toBe(400);
    expect(backoffDelay(30, 200, () => 0.999)).toBeLessThan(30_000);
  });
});

describe('parseWechatBody', () => {
  it.each([
    ['{"a":1}', { kind: 'ok', value: { a: 1 } }],
    ['{"errcode":0,"errmsg":"ok"}', { kind: 'ok', value: { errcode: 0, errmsg: 'ok' } }],
    ['{"errcode":"0"}', { kind: 'ok', value: { errcode: '0' } }],
    ['{"errcode":45009,"errmsg":"quota"}', { kind: 'error', errcode: 45009, errmsg: 'quota' }],
    ['{"errcode":"40029","errmsg":"bad"}', { kind: 'error', errcode: 40029, errmsg: 'bad' }],
    ['<html></html>', { kind: 'invalid', reason: 'a body that is not JSON' }],
    ['', { kind: 'invalid', reason: 'a body that is not JSON' }],
    ['[1]', { kind: 'invalid', reason: 'JSON that is not an object' }],
    ['{"errcode":"oops"}', { kind: 'invalid', reason: 'an errcode that is not a number' }],
  ])('%s', (text, expected) => {
    expect(parseWechatBody(text)).toEqual(expected);
  });
});
