/** Answers of the component authorization APIs (wechat-open-platform.md §4.3-4.7), as WeChat sends them. */

export interface PreAuthCodeResponse {
  pre_auth_code: string;
  expires_in: number;
}

export interface FuncInfoEntry {
  funcscope_category?: { id?: number };
}

export interface QueryAuthResponse {
  authorization_info: {
    authorizer_appid: string;
    /** The next three only when the account has API rights (§4.4). */
    authorizer_access_token?: string;
    expires_in?: number;
    authorizer_refresh_token?: string;
    func_info?: FuncInfoEntry[];
  };
}

export interface AuthorizerInfoResponse {
  authorizer_info: RawAuthorizerInfo;
  authorization_info?: {
    /** An old doc example says `appid` instead (§4.6 notes): parse both. */
    authorizer_appid?: string;
    appid?: string;
    authorizer_refresh_token?: string;
    func_info?: FuncInfoEntry[];
  };
  /** Old doc shape: at top level instead of inside authorizer_info. */
  qrcode_url?: string;
}

export interface RawAuthorizerInfo {
  nick_name?: string;
  head_img?: string;
  service_type_info?: { id?: number };
  verify_type_info?: { id?: number };
  user_name?: string;
  principal_name?: string;
  alias?: string;
  qrcode_url?: string;
  /** Present only for mini programs: how an MP is recognised. */
  MiniProgramInfo?: unknown;
}

export interface AuthorizerListResponse {
  total_count: number;
  /** `refresh_token` here, not authorizer_refresh_token; absent while the code was never exchanged (§4.7). */
  list: { authorizer_appid: string; refresh_token?: string; auth_time?: number }[];
}
