import { describe, expect, it } from '@jest/globals';
import { buildPassiveReply } from '../xml/passive-reply.js';
import { InvalidWebhookReplyError, parseWebhookReply } from './webhook-reply.parser.js';

const invalid = (answer: unknown): string => {
  try {
    parseWebhookReply(answer);
  } catch (err) {
    if (err instanceof InvalidWebhookReplyError) return err.message;
    throw err;
  }
  throw new Error('expected InvalidWebhookReplyError');
};

describe('parseWebhookReply', () => {
  it('maps every reply type from snake_case JSON', () => {
    expect(parseWebhookReply({ type: 'text', content: 'hi' })).toEqual({ type: 'text', content: 'hi' });
    expect(parseWebhookReply({ type: 'image', media_id: 'M1' })).toEqual({ type: 'image', mediaId: 'M1' });
    expect(parseWebhookReply({ type: 'voice', media_id: 'M2' })).toEqual({ type: 'voice', mediaId: 'M2' });
    expect(parseWebhookReply({ type: 'video', media_id: 'M3', title: 'T' })).toEqual({
      type: 'video',
      mediaId: 'M3',
      title: 'T',
      description: undefined,
    });
    expect(
      parseWebhookReply({ type: 'music', thumb_media_id: 'TM', music_url: 'http://m/1', hq_music_url: 'http://m/2' }),
    ).toEqual({
      type: 'music',
      thumbMediaId: 'TM',
      title: undefined,
      description: undefined,
      musicUrl: 'http://m/1',
      hqMusicUrl: 'http://m/2',
    });
    expect(
      parseWebhookReply({ type: 'news', articles: [{ title: 'A', pic_url: 'http://p', url: 'http://u' }] }),
    ).toEqual({
      type: 'news',
      articles: [{ title: 'A', description: undefined, picUrl: 'http://p', url: 'http://u' }],
    });
    expect(parseWebhookReply({ type: 'transfer_customer_service' })).toEqual({ type: 'transfer_customer_service' });
  });

  it('produces replies the XML builder accepts', () => {
    const reply = parseWebhookReply({ type: 'news', articles: [{ title: 'A' }] });
    expect(buildPassiveReply(reply, 'oUser', 'gh_1', 1)).toContain('<ArticleCount>1</ArticleCount>');
  });

  it('names what is wrong', () => {
    expect(invalid('text')).toMatch(/not a JSON object/);
    expect(invalid([])).toMatch(/not a JSON object/);
    expect(invalid({ type: 'sticker' })).toMatch(/^type:/);
    expect(invalid({ type: 'text' })).toMatch(/^content:/);
    expect(invalid({ type: 'text', content: '' })).toMatch(/^content:/);
    expect(invalid({ type: 'text', content: 'x'.repeat(2049) })).toMatch(/^content: must be at most/);
    expect(invalid({ type: 'image', mediaId: 'camelCase' })).toMatch(/^media_id:/);
    expect(invalid({ type: 'video', media_id: 'M', title: 5 })).toMatch(/^title:/);
    expect(invalid({ type: 'news', articles: [] })).toMatch(/^articles:/);
    expect(invalid({ type: 'news', articles: Array(9).fill({ title: 'x' }) })).toMatch(/^articles:/);
    expect(invalid({ type: 'news', articles: [null] })).toMatch(/^articles\[0\]/);
  });
});
