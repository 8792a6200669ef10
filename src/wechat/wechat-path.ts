import { WechatPathError } from './wechat-path.error.js';

export interface WechatHost {
  /** scheme://host[:port] */
  origin: string;
  /** Path prefix of the base URL, without a trailing slash ('' for a bare host). */
  prefix: string;
  /** Host name as reported in events, logs and errors. */
  name: string;
}

export function parseHost(baseUrl: string): WechatHost {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`WeChat base URL must be http(s): ${url.protocol}`);
  }
  return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, ''), name: url.host };
}

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw new WechatPathError(path, 'malformed percent-encoding');
  }
}

/**
 * Only relative API paths of the configured hosts: nothing that could switch hosts or climb out of
 * the base path, also once percent-decoded, and no query string (the query travels separately, so
 * that the token never ends up in an endpoint name, a log or an error).
 */
export function assertSafePath(path: string): void {
  if (!path.startsWith('/')) throw new WechatPathError(path, "must start with '/'");
  if (path.startsWith('//')) throw new WechatPathError(path, "must not start with '//'");
  if (/[?#]/.test(path)) throw new WechatPathError(path, 'must not carry a query string or fragment; pass query');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\s\u0000-\u001f\u007f]/.test(path))
    throw new WechatPathError(path, 'must not contain spaces or control characters');
  for (const p of [path, decoded(path)]) {
    if (p.includes('..')) throw new WechatPathError(path, "must not contain '..'");
    if (p.includes('://')) throw new WechatPathError(path, "must not contain '://'");
    if (p.includes('\\')) throw new WechatPathError(path, 'must not contain a backslash');
    if (p.startsWith('//')) throw new WechatPathError(path, "must not start with '//'");
  }
}

export function queryString(query: Record<string, string> | undefined): string {
  if (query === undefined) return '';
  const qs = new URLSearchParams(query).toString();
  return qs === '' ? '' : `?${qs}`;
}

// undici refuses some of these and computes others; none may be forwarded by a proxy (RFC 9110 7.6.1).
const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
]);

export function forwardableHeaders(
  headers: Record<string, string | string[] | undefined> | undefined,
  dropContentLength: boolean,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(lower)) continue;
    if (dropContentLength && lower === 'content-length') continue;
    out[lower] = value;
  }
  return out;
}
