import { describe, expect, it } from '@jest/globals';
import { buildPassiveReply, type PassiveReply } from './passive-reply.js';
import { XmlBuildError } from './xml.errors.js';
import { parseWechatXml } from './xml.js';

const TO = 'oUSER123';
const FROM = 'gh_0123456789ab';
const NOW = 1700000051;
const header = { ToUserName: TO, FromUserName: FROM, CreateTime: String(NOW) };

describe('buildPassiveReply', () => {
  it('writes the text reply of doc 6.4 exactly', () => {
    expect(buildPassiveReply({ type: 'text', content: 'Hello' }, TO, FROM, NOW)).toBe(
      '<xml><ToUserName><![CDATA[oUSER123]]></ToUserName><FromUserName><![CDATA[gh_0123456789ab]]></FromUserName>' +
        '<CreateTime>1700000051</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[Hello]]></Content></xml>',
    );
  });

  const cases: Array<[PassiveReply, Record<string, unknown>]> = [
    [{ type: 'text', content: '你好 ]]> 👋' }, { Content: '你好 ]]> 👋' }],
    [{ type: 'image', mediaId: 'MEDIA_IMG' }, { Image: { MediaId: 'MEDIA_IMG' } }],
    [{ type: 'voice', mediaId: 'MEDIA_VOICE' }, { Voice: { MediaId: 'MEDIA_VOICE' } }],
    [{ type: 'video', mediaId: 'MEDIA_VIDEO' }, { Video: { MediaId: 'MEDIA_VIDEO' } }],
    [
      { type: 'video', mediaId: 'MEDIA_VIDEO', title: 'T', description: 'D' },
      { Video: { MediaId: 'MEDIA_VIDEO', Title: 'T', Description: 'D' } },
    ],
    [
      {
        type: 'music',
        title: 'Song',
        description: 'Desc',
        musicUrl: 'https://music.example.com/a.mp3',
        hqMusicUrl: 'https://music.example.com/a-hq.mp3',
        thumbMediaId: 'MEDIA_THUMB',
      },
      {
        Music: {
          Title: 'Song',
          Description: 'Desc',
          MusicUrl: 'https://music.example.com/a.mp3',
          HQMusicUrl: 'https://music.example.com/a-hq.mp3',
          ThumbMediaId: 'MEDIA_THUMB',
        },
      },
    ],
    [
      {
        type: 'news',
        articles: [
          {
            title: 'A',
            description: 'B',
            picUrl: 'https://img.example.com/p.png',
            url: 'https://example.com/?a=1&b=2',
          },
        ],
      },
      {
        ArticleCount: '1',
        Articles: {
          item: [
            {
              Title: 'A',
              Description: 'B',
              PicUrl: 'https://img.example.com/p.png',
              Url: 'https://example.com/?a=1&b=2',
            },
          ],
        },
      },
    ],
    [
      { type: 'news', articles: [{ title: 'one' }, { title: 'two', url: 'https://example.com/2' }] },
      { ArticleCount: '2', Articles: { item: [{ Title: 'one' }, { Title: 'two', Url: 'https://example.com/2' }] } },
    ],
    [{ type: 'transfer_customer_service' }, {}],
  ];

  it.each(cases)('round-trips a %j reply through the parser', (reply, tail) => {
    const parsed = parseWechatXml(buildPassiveReply(reply, TO, FROM, NOW));
    expect(parsed).toEqual({ ...header, MsgType: reply.type, ...tail });
  });

  it('puts the header first, as WeChat samples do', () => {
    const xml = buildPassiveReply({ type: 'image', mediaId: 'M' }, TO, FROM, NOW);
    expect(xml.indexOf('<ToUserName>')).toBe(5);
    expect(xml.indexOf('<MsgType>')).toBeLessThan(xml.indexOf('<Image>'));
  });

  it('refuses a news reply without articles or with more than 8', () => {
    expect(() => buildPassiveReply({ type: 'news', articles: [] }, TO, FROM, NOW)).toThrow(XmlBuildError);
    const nine = Array.from({ length: 9 }, (_, i) => ({ title: String(i) }));
    expect(() => buildPassiveReply({ type: 'news', articles: nine }, TO, FROM, NOW)).toThrow(XmlBuildError);
  });

  it('refuses a CreateTime that is not whole seconds', () => {
    expect(() => buildPassiveReply({ type: 'text', content: 'x' }, TO, FROM, 1700000051.5)).toThrow(XmlBuildError);
    expect(() => buildPassiveReply({ type: 'text', content: 'x' }, TO, FROM, -1)).toThrow(XmlBuildError);
  });

  it('refuses an unknown reply type from untyped callers', () => {
    const bogus = { type: 'hologram' } as unknown as PassiveReply;
    expect(() => buildPassiveReply(bogus, TO, FROM, NOW)).toThrow(
      expect.objectContaining({ code: -40011, reason: 'invalid_value' }),
    );
  });
});
