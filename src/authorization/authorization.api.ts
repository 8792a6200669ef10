import type {
  AuthorizerInfoResponse,
  AuthorizerListResponse,
  PreAuthCodeResponse,
  QueryAuthResponse,
} from './wechat-authorization.types.js';

/**
 * The component APIs the authorization flow needs (port; bound to ComponentAuthorizationApi).
 * An abstract class: both the type and the DI token, so service specs use hand-written fakes.
 */
export abstract class AuthorizationApi {
  abstract get componentAppId(): string;
  abstract createPreAuthCode(): Promise<PreAuthCodeResponse>;
  /** Consumes the single-use code: never retried after it may have reached WeChat (pitfall 18). */
  abstract queryAuth(authorizationCode: string): Promise<QueryAuthResponse>;
  abstract getAuthorizerInfo(authorizerAppid: string): Promise<AuthorizerInfoResponse>;
  abstract getAuthorizerList(offset: number, count: number): Promise<AuthorizerListResponse>;
}
