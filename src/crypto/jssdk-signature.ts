import { createHash, randomBytes } from 'node:crypto';

export interface JsapiSignatureInput {
  ticket: string;
  nonceStr: string;
  timestamp: number | string;
  /** The full page URL; the `#fragment` is removed here, nothing else is touched. */
  url: string;
}

/** What the page passes to `wx.config` besides jsApiList. */
export interface JssdkConfig {
  appId: string;
  timestamp: number;
  nonceStr: string;
  signature: string;
}

/**
 * JS-SDK signature (附录1-JS-SDK使用权限签名算法): the four keys in ASCII order as `key=value`
 * joined by `&`, values not URL-escaped, SHA1 hex. The URL must be the page's exact address
 * (encoding included) without the fragment, or WeChat answers "invalid signature".
 */
export function jsapiSignature(input: JsapiSignatureInput): string {
  const url = stripFragment(input.url);
  const payload =
    `jsapi_ticket=${input.ticket}&noncestr=${input.nonceStr}` + `&timestamp=${String(input.timestamp)}&url=${url}`;
  return createHash('sha1').update(payload, 'utf8').digest('hex');
}

/**
 * A complete `wx.config` for one page. In component mode `appId` is the authorizer's appid and
 * `ticket` was fetched with the authorizer's access token, not the component's.
 */
export function createJssdkConfig(
  appId: string,
  ticket: string,
  url: string,
  now: Date = new Date(),
  nonce: string = randomBytes(8).toString('hex'),
): JssdkConfig {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { appId, timestamp, nonceStr: nonce, signature: jsapiSignature({ ticket, nonceStr: nonce, timestamp, url }) };
}

function stripFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}
