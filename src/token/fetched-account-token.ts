import { WechatInvalidResponseError } from '../wechat/wechat-invalid-response.error.js';

/** A token as WeChat answered it, before it is stored. */
export interface FetchedAccountToken {
  accessToken: string;
  expiresInSec: number;
  /** api_authorizer_token's authorizer_refresh_token: persisted with the access token (pitfall 6). */
  refreshToken?: string;
  /** True when the refresh token had to be recovered (61023 or missing) first. */
  recovered?: boolean;
}

/** Reads `tokenField` and expires_in from a WeChat answer, or fails naming the endpoint. */
export function parseTokenAnswer(
  answer: Record<string, unknown>,
  tokenField: string,
  path: string,
): { value: string; expiresInSec: number } {
  const value = answer[tokenField];
  const expiresIn = answer.expires_in;
  if (typeof value === 'string' && value !== '' && typeof expiresIn === 'number' && expiresIn > 0) {
    return { value, expiresInSec: expiresIn };
  }
  throw new WechatInvalidResponseError({
    path,
    host: 'WeChat',
    status: 200,
    bytes: 0,
    reason: `an answer without ${tokenField}/expires_in`,
  });
}
