import { WechatApiError } from '../../wechat/wechat-api.error.js';
import { AuthorizationApi } from '../authorization.api.js';
import type {
  AuthorizerInfoResponse,
  AuthorizerListResponse,
  PreAuthCodeResponse,
  QueryAuthResponse,
} from '../wechat-authorization.types.js';

export interface FakeAuthorizer {
  appid: string;
  refreshToken?: string;
  mini?: boolean;
  funcIds?: number[];
}

/** WeChat's component authorization APIs in memory: single-use codes, a list, call counts. */
export class FakeAuthorizationApi extends AuthorizationApi {
  readonly calls = { preAuth: 0, queryAuth: 0, info: 0, list: 0 };
  readonly authorizers = new Map<string, FakeAuthorizer>();
  readonly codes = new Map<string, string>();
  /** Delay of api_query_auth, so concurrent exchanges really overlap. */
  queryAuthDelayMs = 0;
  infoError?: Error;
  private issued = 0;
  listError?: { atOffset: number; error: Error };

  get componentAppId(): string {
    return 'wxfakecomponent000';
  }

  add(a: FakeAuthorizer): string {
    this.authorizers.set(a.appid, a);
    const code = `queryauthcode@@@${a.appid}-${++this.issued}`;
    this.codes.set(code, a.appid);
    return code;
  }

  async createPreAuthCode(): Promise<PreAuthCodeResponse> {
    this.calls.preAuth++;
    return { pre_auth_code: `preauthcode@@@${this.calls.preAuth}`, expires_in: 1800 };
  }

  async queryAuth(code: string): Promise<QueryAuthResponse> {
    this.calls.queryAuth++;
    await new Promise((r) => setTimeout(r, this.queryAuthDelayMs));
    const appid = this.codes.get(code);
    if (!appid) throw new WechatApiError(61009, 'code is invalid rid: x', '/cgi-bin/component/api_query_auth');
    this.codes.delete(code); // single use
    const a = this.authorizers.get(appid)!;
    return {
      authorization_info: {
        authorizer_appid: appid,
        authorizer_access_token: `AT_${appid}`,
        expires_in: 7200,
        authorizer_refresh_token: a.refreshToken,
        func_info: (a.funcIds ?? [1, 15]).map((id) => ({ funcscope_category: { id } })),
      },
    };
  }

  async getAuthorizerInfo(appid: string): Promise<AuthorizerInfoResponse> {
    this.calls.info++;
    if (this.infoError) throw this.infoError;
    const a = this.authorizers.get(appid);
    if (!a) throw new WechatApiError(61003, 'component is not authorized by this account', '/x');
    return {
      authorizer_info: {
        nick_name: `Nick of ${appid}`,
        user_name: `gh_${appid}`,
        service_type_info: { id: a.mini ? 0 : 2 },
        verify_type_info: { id: 0 },
        ...(a.mini ? { MiniProgramInfo: { network: {} } } : {}),
      },
      authorization_info: {
        authorizer_appid: appid,
        authorizer_refresh_token: a.refreshToken,
        func_info: (a.funcIds ?? [1, 15]).map((id) => ({ funcscope_category: { id } })),
      },
    };
  }

  async getAuthorizerList(offset: number, count: number): Promise<AuthorizerListResponse> {
    this.calls.list++;
    if (this.listError && offset >= this.listError.atOffset) throw this.listError.error;
    const all = [...this.authorizers.values()];
    return {
      total_count: all.length,
      list: all
        .slice(offset, offset + count)
        .map((a) => ({ authorizer_appid: a.appid, refresh_token: a.refreshToken })),
    };
  }
}
