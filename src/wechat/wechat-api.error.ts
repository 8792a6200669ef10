import { redactText } from './redact.js';

const ALLOW_LIST =
  "the gateway's egress IP is not on the allow-list: add it in the WeChat console " +
  "(third-party platform: 'whitelist IP'; official account: 'IP whitelist')";

/** What each errcode means for an operator (wechat-open-platform.md section 9). */
const DESCRIPTIONS = new Map<number, string>([
  [-1, 'WeChat is busy (system error): retry later, with backoff'],
  [40001, 'the access token is invalid or not the latest (on a token endpoint: the appid or secret is wrong)'],
  [40013, 'the appid is invalid or does not match the token'],
  [40014, 'the access token is invalid (malformed)'],
  [40029, 'the code is invalid (wrong, already used, or issued to another app)'],
  [40125, 'the app secret is wrong: check the configured component_appsecret / appsecret'],
  [40163, 'the code has already been used'],
  [40164, ALLOW_LIST],
  [41001, 'the access token is missing'],
  [42001, 'the access token has expired'],
  [
    45009,
    'the daily API quota is used up: calls fail until it resets at midnight (Beijing time); ' +
      'an operator may reset it with clear_quota (10 resets a month)',
  ],
  [45011, 'the per-minute API quota is used up: slow down and retry in the next minute'],
  [48001, 'this API is not authorized for the account (permission set not granted, or wrong kind of token)'],
  [61003, 'the account has not authorized this third-party platform, or has revoked the authorization'],
  [61004, ALLOW_LIST],
  [
    61005,
    'the component_verify_ticket has expired (over 12 h old): wait for the next push or call api_start_push_ticket',
  ],
  [61006, 'the component_verify_ticket is invalid: use the latest ticket pushed to this component'],
  [61007, 'the third-party platform has not been granted the permission set of this API'],
  [61009, 'the authorization code is invalid'],
  [61010, 'the authorization code has expired'],
  [61011, 'the component appid is invalid'],
  [
    61023,
    'the authorizer refresh token is invalid (revoked or superseded): reconcile with api_get_authorizer_list ' +
      'or have the account authorize again',
  ],
  [61024, 'cgi-bin/token was called with a component appid: use api_component_token'],
  [89501, "the call awaits the administrator's confirmation in the WeChat console"],
  [89503, "the call needs the administrator's confirmation in the WeChat console (IP confirmation)"],
  [89506, 'the administrator rejected the call in the WeChat console'],
  [89507, 'the administrator rejected the call in the WeChat console (retry in an hour)'],
]);

const TOKEN_ERRCODES = new Set([40001, 40014, 42001]);
const ALLOW_LIST_ERRCODES = new Set([61004, 40164]);

/** 40001, 40014, 42001: the caller drops its cached token (if still the same), refreshes once and retries once. */
export function isTokenError(errcode: number): boolean {
  return TOKEN_ERRCODES.has(errcode);
}

/** The operator-facing meaning of an errcode, when known. */
export function describeErrcode(errcode: number): string | undefined {
  return DESCRIPTIONS.get(errcode);
}

// WeChat names the refused address in errmsg: "invalid ip 1.2.3.4 ipv6 ..., not in whitelist" (40164),
// "access clientip is not registered requestIP: 1.2.3.4" (61004).
function egressIpOf(errmsg: string): string | undefined {
  return /(?:invalid ip|requestIP:?)\s*([0-9A-Fa-f.:]{3,45})/.exec(errmsg)?.[1];
}

/** A WeChat answer with a non-zero errcode. Match on `errcode`, never on `errmsg` (it carries a `rid:` suffix). */
export class WechatApiError extends Error {
  readonly errcode: number;
  /** WeChat's own text (passed through redactText, which leaves WeChat's usual wording intact). */
  readonly errmsg: string;
  /** Endpoint path, without the query string (which carries the token). */
  readonly path: string;
  /** For 61004 / 40164: the address WeChat saw, when errmsg names it. */
  readonly egressIp?: string;

  // Some endpoints send errcode as a string ("40029" in the jscode2session docs), hence `number | string`.
  constructor(errcode: number | string, errmsg: string, path: string) {
    const code = typeof errcode === 'string' ? Number(errcode.trim()) : errcode;
    const endpoint = path.split('?')[0];
    const egressIp = ALLOW_LIST_ERRCODES.has(code) ? egressIpOf(errmsg) : undefined;
    const meaning = describeErrcode(code);
    const seen = egressIp === undefined ? '' : ` (WeChat saw the call from ${egressIp})`;
    const text = redactText(errmsg);
    super(
      meaning === undefined
        ? `WeChat error ${code} on ${endpoint}: ${text}`
        : `WeChat error ${code} on ${endpoint}: ${meaning}${seen} [errmsg: ${text}]`,
    );
    this.name = 'WechatApiError';
    this.errcode = code;
    this.errmsg = text;
    this.path = endpoint;
    this.egressIp = egressIp;
  }
}
