import { MAX_NEWS_ARTICLES, type NewsArticle, type PassiveReply } from '../xml/passive-reply.js';

/** Why a subscriber's answer could not become a passive reply; the message names the field, never its value. */
export class InvalidWebhookReplyError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidWebhookReplyError';
  }
}

type Json = Record<string, unknown>;
const MAX_TEXT = 2048; // WeChat's documented limit for text replies is around 2048 bytes; longer ones are cut.
const MAX_FIELD = 1024;

/**
 * A reply-mode subscriber's JSON answer (snake_case, like the rest of the API) as a PassiveReply:
 * `{ "type": "text", "content": "…" }`, image/voice `{ media_id }`, video `{ media_id, title?,
 * description? }`, music `{ thumb_media_id, title?, description?, music_url?, hq_music_url? }`,
 * news `{ articles: [{ title?, description?, pic_url?, url? }] }`, `{ "type": "transfer_customer_service" }`.
 */
export function parseWebhookReply(answer: unknown): PassiveReply {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
    throw new InvalidWebhookReplyError('the answer is not a JSON object');
  }
  const a = answer as Json;
  switch (a.type) {
    case 'text':
      return { type: 'text', content: required(a, 'content', MAX_TEXT) };
    case 'image':
    case 'voice':
      return { type: a.type, mediaId: required(a, 'media_id') };
    case 'video':
      return {
        type: 'video',
        mediaId: required(a, 'media_id'),
        title: optional(a, 'title'),
        description: optional(a, 'description'),
      };
    case 'music':
      return {
        type: 'music',
        thumbMediaId: required(a, 'thumb_media_id'),
        title: optional(a, 'title'),
        description: optional(a, 'description'),
        musicUrl: optional(a, 'music_url'),
        hqMusicUrl: optional(a, 'hq_music_url'),
      };
    case 'news':
      return { type: 'news', articles: articles(a.articles) };
    case 'transfer_customer_service':
      return { type: 'transfer_customer_service' };
    default:
      throw new InvalidWebhookReplyError(
        'type: must be text, image, voice, video, music, news or transfer_customer_service',
      );
  }
}

function required(a: Json, field: string, max = MAX_FIELD): string {
  const v = a[field];
  if (typeof v !== 'string' || v.length === 0)
    throw new InvalidWebhookReplyError(`${field}: must be a non-empty string`);
  if (v.length > max) throw new InvalidWebhookReplyError(`${field}: must be at most ${max} characters`);
  return v;
}

function optional(a: Json, field: string): string | undefined {
  const v = a[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new InvalidWebhookReplyError(`${field}: must be a string when given`);
  if (v.length > MAX_FIELD) throw new InvalidWebhookReplyError(`${field}: must be at most ${MAX_FIELD} characters`);
  return v;
}

function articles(value: unknown): NewsArticle[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_NEWS_ARTICLES) {
    throw new InvalidWebhookReplyError(`articles: must be an array of 1 to ${MAX_NEWS_ARTICLES} articles`);
  }
  return value.map((item: unknown, i) => {
    if (typeof item !== 'object' || item === null)
      throw new InvalidWebhookReplyError(`articles[${i}]: must be an object`);
    const a = item as Json;
    return {
      title: optional(a, 'title'),
      description: optional(a, 'description'),
      picUrl: optional(a, 'pic_url'),
      url: optional(a, 'url'),
    };
  });
}
