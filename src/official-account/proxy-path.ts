import { WechatPathError } from '../wechat/wechat-path.error.js';
import { assertSafePath } from '../wechat/wechat-path.js';

/** WeChat's API paths use only these characters; anything else (`@`, `%`, `:`, `\`) is refused. */
const PATH_CHARS = /^[A-Za-z0-9/_.~-]+$/;
const SEGMENT = /^[A-Za-z0-9_.~-]{1,40}$/;

/**
 * The account proxy's path rule: WechatHttpClient's own check (no absolute URL, no `..`, no `//`,
 * no backslash, also percent-decoded) and, stricter, only the characters WeChat paths are made of,
 * so that no userinfo (`@`), port or encoded trick reaches the URL at all.
 */
export function assertProxyPath(path: string): void {
  assertSafePath(path);
  if (!PATH_CHARS.test(path)) {
    throw new WechatPathError(path, 'only letters, digits and / _ . ~ - may appear in a WeChat API path');
  }
}

/**
 * The metrics label of a path: its first two segments (`cgi-bin/media` for /cgi-bin/media/upload), so
 * ids in later segments never become labels; 'other' for anything unusual, to keep cardinality bounded.
 */
export function endpointGroup(path: string): string {
  const segments = path.split('/').filter((s) => s !== '');
  const first = segments.slice(0, 2);
  if (first.length === 0 || !first.every((s) => SEGMENT.test(s))) return 'other';
  return first.join('/');
}
