import { describe, expect, it } from '@jest/globals';
import { buildEncryptedEnvelope, parseEnvelope } from './encrypted-envelope.js';
import { XmlBuildError, XmlParseError } from './xml.errors.js';

const reply = {
  encrypt: 'QUJDRA==',
  msgSignature: '32cd0c00e17c2accd99da897afc49e94ccdc1b85',
  timestamp: '1700000001',
  nonce: '987654321',
};

describe('buildEncryptedEnvelope', () => {
  it('writes the reply envelope of doc 2.3 with a bare TimeStamp', () => {
    expect(buildEncryptedEnvelope(reply)).toBe(
      '<xml><Encrypt><![CDATA[QUJDRA==]]></Encrypt>' +
        '<MsgSignature><![CDATA[32cd0c00e17c2accd99da897afc49e94ccdc1b85]]></MsgSignature>' +
        '<TimeStamp>1700000001</TimeStamp><Nonce><![CDATA[987654321]]></Nonce></xml>',
    );
  });

  it('round-trips through parseEnvelope', () => {
    expect(parseEnvelope(buildEncryptedEnvelope(reply))).toEqual(reply);
  });

  it('refuses a timestamp that is not digits (it would be written unescaped)', () => {
    expect(() => buildEncryptedEnvelope({ ...reply, timestamp: '1<x/>' })).toThrow(XmlBuildError);
    expect(() => buildEncryptedEnvelope({ ...reply, timestamp: '' })).toThrow(XmlBuildError);
  });
});

describe('parseEnvelope', () => {
  it('reads the authorization-event envelope (AppId)', () => {
    const xml = '<xml>\n<AppId><![CDATA[wx1234567890abcdef]]></AppId>\n<Encrypt><![CDATA[ab+/cd==]]></Encrypt>\n</xml>';
    expect(parseEnvelope(Buffer.from(xml))).toEqual({ encrypt: 'ab+/cd==', appId: 'wx1234567890abcdef' });
  });

  it('reads the message envelope (ToUserName)', () => {
    const xml = '<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><Encrypt><![CDATA[QUJD]]></Encrypt></xml>';
    expect(parseEnvelope(xml)).toEqual({ encrypt: 'QUJD', toUserName: 'gh_0123456789ab' });
  });

  it.each([
    ['no Encrypt', '<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName></xml>'],
    ['an empty Encrypt', '<xml><Encrypt><![CDATA[]]></Encrypt></xml>'],
    ['an Encrypt with children', '<xml><Encrypt><A>1</A></Encrypt></xml>'],
    ['two Encrypt elements', '<xml><Encrypt>QUJD</Encrypt><Encrypt>QUJD</Encrypt></xml>'],
  ])('refuses an envelope with %s', (_label, xml) => {
    expect(() => parseEnvelope(xml)).toThrow(XmlParseError);
    expect(() => parseEnvelope(xml)).toThrow(expect.objectContaining({ code: -40002, reason: 'missing_encrypt' }));
  });

  it('passes the size limit on to the parser', () => {
    const xml = '<xml><Encrypt><![CDATA[QUJD]]></Encrypt></xml>';
    expect(() => parseEnvelope(xml, { maxBytes: 10 })).toThrow(expect.objectContaining({ reason: 'too_large' }));
  });
});
