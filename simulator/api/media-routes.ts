import busboy from 'busboy';
import { randomAlnum } from '../core/ids.js';
import { WxError } from '../core/wx-error.js';
import { callerAccount } from './account-guard.js';
import type { ApiRequest, ApiRoute, ApiResult, JsonBody } from './route.js';

const MEDIA_TYPES = ['image', 'voice', 'video', 'thumb'];

interface UploadedFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

/** Reads the `media` part of a multipart body (the field name WeChat requires). */
function readMediaPart(raw: Buffer, contentType: string): Promise<UploadedFile | undefined> {
  return new Promise((resolve, reject) => {
    let found: UploadedFile | undefined;
    const parser = busboy({ headers: { 'content-type': contentType } });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (name === 'media')
          found = { filename: info.filename ?? 'media', contentType: info.mimeType, data: Buffer.concat(chunks) };
      });
    });
    parser.on('close', () => resolve(found));
    parser.on('error', reject);
    parser.end(raw);
  });
}

async function upload(req: ApiRequest): Promise<JsonBody> {
  const type = req.query.type;
  if (!type || !MEDIA_TYPES.includes(type)) throw new WxError(40004, type);
  if (!req.contentType.startsWith('multipart/form-data')) throw new WxError(41005);
  const file = await readMediaPart(req.raw, req.contentType).catch(() => undefined);
  if (!file || file.data.length === 0) throw new WxError(41005);
  const { appid } = callerAccount(req);
  const mediaId = randomAlnum(64);
  const createdAt = req.ctx.clock.now();
  req.ctx.state.media.set(mediaId, { mediaId, appid, type, ...file, createdAt });
  return { type, media_id: mediaId, created_at: createdAt };
}

/** The same bytes back, only to the account that uploaded them (40007 otherwise). */
function get(req: ApiRequest): ApiResult {
  const media = req.ctx.state.media.get(req.query.media_id ?? '');
  if (!media || media.appid !== callerAccount(req).appid) throw new WxError(40007);
  return { binary: media.data, contentType: media.contentType || 'application/octet-stream', filename: media.filename };
}

export const mediaRoutes: ApiRoute[] = [
  { method: 'POST', path: '/cgi-bin/media/upload', token: 'account', body: 'multipart', handle: upload },
  { method: 'ANY', path: '/cgi-bin/media/get', token: 'account', handle: get },
];
