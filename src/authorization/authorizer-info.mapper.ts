import type { AccountInfo } from '../account/account.types.js';
import type { AuthorizerInfoResponse, FuncInfoEntry, RawAuthorizerInfo } from './wechat-authorization.types.js';

/** §4.6: kind and display fields from api_get_authorizer_info; MiniProgramInfo marks a mini program. */
export function toAccountInfo(raw: RawAuthorizerInfo): AccountInfo {
  return {
    kind: raw.MiniProgramInfo !== undefined && raw.MiniProgramInfo !== null ? 'mini_program' : 'official_account',
    nickName: text(raw.nick_name),
    headImg: text(raw.head_img),
    userName: text(raw.user_name),
    principalName: text(raw.principal_name),
    alias: text(raw.alias),
    serviceType: int(raw.service_type_info?.id),
    verifyType: int(raw.verify_type_info?.id),
  };
}

/** The granted permission set ids of a func_info list (§4.4: what was actually granted). */
export function toFuncIds(funcInfo: FuncInfoEntry[] | undefined): number[] {
  const ids = (funcInfo ?? []).map((f) => int(f?.funcscope_category?.id)).filter((id): id is number => id !== null);
  return [...new Set(ids)];
}

/** authorization_info's appid under either name (current `authorizer_appid`, old `appid`). */
export function authorizationAppid(res: AuthorizerInfoResponse): string | undefined {
  return res.authorization_info?.authorizer_appid ?? res.authorization_info?.appid;
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function int(v: unknown): number | null {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) ? n : null;
}
