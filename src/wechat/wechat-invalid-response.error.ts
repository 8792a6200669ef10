export interface WechatInvalidResponseDetails {
  /** Endpoint path, without the query string. */
  path: string;
  host: string;
  status: number;
  contentType?: string;
  bytes: number;
  reason: string;
}

/**
 * A JSON call got an answer that is not a WeChat JSON object (an HTML error page from a proxy, a file,
 * an unparseable errcode). The body itself is not kept: it could be large or carry data.
 */
export class WechatInvalidResponseError extends Error {
  readonly path: string;
  readonly host: string;
  readonly status: number;

  constructor(d: WechatInvalidResponseDetails) {
    super(
      `WeChat answered ${d.path} on ${d.host} with ${d.reason} on a JSON call ` +
        `(HTTP ${d.status}, content-type ${d.contentType ?? 'none'}, ${d.bytes} bytes)`,
    );
    this.name = 'WechatInvalidResponseError';
    this.path = d.path;
    this.host = d.host;
    this.status = d.status;
  }
}
