import { Injectable } from '@nestjs/common';
import { ComponentApiService } from '../token/component-api.service.js';
import { AuthorizationApi } from './authorization.api.js';
import type {
  AuthorizerInfoResponse,
  AuthorizerListResponse,
  PreAuthCodeResponse,
  QueryAuthResponse,
} from './wechat-authorization.types.js';

/** AuthorizationApi over the token module's ComponentApiService (component_access_token added there). */
@Injectable()
export class ComponentAuthorizationApi extends AuthorizationApi {
  constructor(private readonly component: ComponentApiService) {
    super();
  }

  get componentAppId(): string {
    return this.component.componentAppId;
  }

  /** §4.3: a fresh code on every call, never cached (pitfall 15). */
  createPreAuthCode(): Promise<PreAuthCodeResponse> {
    return this.component.post<PreAuthCodeResponse>('/cgi-bin/component/api_create_preauthcode', {
      component_appid: this.componentAppId,
    });
  }

  queryAuth(authorizationCode: string): Promise<QueryAuthResponse> {
    return this.component.post<QueryAuthResponse>(
      '/cgi-bin/component/api_query_auth',
      { component_appid: this.componentAppId, authorization_code: authorizationCode },
      { idempotent: false },
    );
  }

  getAuthorizerInfo(authorizerAppid: string): Promise<AuthorizerInfoResponse> {
    return this.component.post<AuthorizerInfoResponse>('/cgi-bin/component/api_get_authorizer_info', {
      component_appid: this.componentAppId,
      authorizer_appid: authorizerAppid,
    });
  }

  getAuthorizerList(offset: number, count: number): Promise<AuthorizerListResponse> {
    return this.component.post<AuthorizerListResponse>('/cgi-bin/component/api_get_authorizer_list', {
      component_appid: this.componentAppId,
      offset,
      count,
    });
  }
}
