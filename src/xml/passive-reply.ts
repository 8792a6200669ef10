import { XmlBuildError } from './xml.errors.js';
import { buildXml, type XmlFields } from './xml-builder.js';

export interface NewsArticle {
  title?: string;
  description?: string;
  picUrl?: string;
  url?: string;
}

/** The passive replies of the Official Account docs (被动回复用户消息); media must already be uploaded. */
export type PassiveReply =
  | { type: 'text'; content: string }
  | { type: 'image'; mediaId: string }
  | { type: 'voice'; mediaId: string }
  | { type: 'video'; mediaId: string; title?: string; description?: string }
  | {
      type: 'music';
      thumbMediaId: string;
      title?: string;
      description?: string;
      musicUrl?: string;
      hqMusicUrl?: string;
    }
  | { type: 'news'; articles: readonly NewsArticle[] }
  | { type: 'transfer_customer_service' };

export type PassiveReplyType = PassiveReply['type'];

/** Older docs allowed up to 8 articles; since Oct 2018 WeChat shows only one, so send one. */
export const MAX_NEWS_ARTICLES = 8;

/**
 * The plain reply body. `to` is the request's FromUserName (the user's openid), `from` its
 * ToUserName (the account's gh_ id), `createTime` unix seconds. Encrypt it before answering.
 */
export function buildPassiveReply(reply: PassiveReply, to: string, from: string, createTime: number): string {
  if (!Number.isSafeInteger(createTime) || createTime < 0) {
    throw new XmlBuildError('invalid_number', 'CreateTime must be a non-negative integer of seconds');
  }
  return buildXml({
    ToUserName: to,
    FromUserName: from,
    CreateTime: createTime,
    MsgType: reply.type,
    ...replyTail(reply),
  });
}

function replyTail(reply: PassiveReply): XmlFields {
  switch (reply.type) {
    case 'text':
      return { Content: reply.content };
    case 'image':
      return { Image: { MediaId: reply.mediaId } };
    case 'voice':
      return { Voice: { MediaId: reply.mediaId } };
    case 'video':
      return { Video: { MediaId: reply.mediaId, Title: reply.title, Description: reply.description } };
    case 'music':
      return {
        Music: {
          Title: reply.title,
          Description: reply.description,
          MusicUrl: reply.musicUrl,
          HQMusicUrl: reply.hqMusicUrl,
          ThumbMediaId: reply.thumbMediaId,
        },
      };
    case 'news':
      return newsTail(reply.articles);
    case 'transfer_customer_service':
      return {};
    default:
      return assertNever(reply);
  }
}

function newsTail(articles: readonly NewsArticle[]): XmlFields {
  if (articles.length < 1 || articles.length > MAX_NEWS_ARTICLES) {
    throw new XmlBuildError('invalid_value', `A news reply needs 1 to ${MAX_NEWS_ARTICLES} articles`);
  }
  return {
    ArticleCount: articles.length,
    Articles: {
      item: articles.map((a) => ({ Title: a.title, Description: a.description, PicUrl: a.picUrl, Url: a.url })),
    },
  };
}

function assertNever(value: never): never {
  const type: unknown = (value as { type?: unknown }).type;
  throw new XmlBuildError('invalid_value', `Unknown passive reply type ${JSON.stringify(String(type)).slice(0, 64)}`);
}
