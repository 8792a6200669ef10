import { newRid } from './ids.js';

/** English errmsg texts as WeChat sends them (before the rid suffix). */
const MESSAGES: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40007: 'invalid media_id',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40029: 'invalid code',
  40030: 'invalid refresh_token',
  40004: 'invalid media type',
  40016: 'invalid button size',
  40037: 'invalid template_id',
  40097: 'invalid args',
  40125: 'invalid appsecret',
  40163: 'code been used',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41005: 'media data missing',
  41008: 'missing code',
  42001: 'access_token expired',
  42002: 'refresh_token expired',
  42003: 'code expired',
  43002: 'require POST method',
  44002: 'empty post data',
  46003: 'menu no exist',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  47001: 'data format error',
  48001: 'api unauthorized',
  48006: 'forbid to clear quota because of reaching the limit',
  61003: 'component is not authorized by this account',
  61004: 'access clientip is not registered',
  61005: 'component ticket is expired',
  61006: 'component ticket is invalid',
  61009: 'code is invalid',
  61010: 'code is expired',
  61011: 'invalid component',
  61012: 'invalid option name',
  61013: 'invalid option value',
  61023: 'refresh_token is invalid',
  61024: 'must use api(api_component_token) to get token for component acct',
  76021: 'cgi_path not found, please check',
  76022: 'could not use this cgi_path，no permission',
  85009: 'already has an audit version',
  85019: 'no version in audit',
  85020: 'status not allowed to release',
  86000: 'should be called only from third party',
  86001: 'no code committed by the third party',
};

export function errmsgFor(errcode: number, detail?: string): string {
  const base = MESSAGES[errcode] ?? 'error';
  return `${detail ? `${base}: ${detail}` : base} rid: ${newRid()}`;
}

/** Thrown by route handlers; the dispatcher turns it into `{ errcode, errmsg }` with HTTP 200. */
export class WxError extends Error {
  constructor(
    readonly errcode: number,
    readonly detail?: string,
  ) {
    super(`${errcode} ${MESSAGES[errcode] ?? 'error'}${detail ? `: ${detail}` : ''}`);
  }

  toBody(): { errcode: number; errmsg: string } {
    return { errcode: this.errcode, errmsg: errmsgFor(this.errcode, this.detail) };
  }
}
