/** Web OAuth on behalf of an official account (wechat-open-platform.md §8.1). Pure function. */

export type OAuthScope = 'snsapi_base' | 'snsapi_userinfo';

export interface OAuthUrlInput {
  openBaseUrl: string;
  appid: string;
  redirectUri: string;
  scope: OAuthScope;
  state?: string;
  componentAppid: string;
}

/**
 * WeChat fixes the parameter order and case; redirect_uri is fully encoded (a half-encoded one loses
 * its own parameters after the first `&`). `connect_redirect=1` keeps WeChat from loading the
 * redirect twice, which would spend the single-use code twice (pitfall 17); `#wechat_redirect` last.
 */
export function buildOAuthAuthorizeUrl(input: OAuthUrlInput): string {
  const params: [string, string][] = [
    ['appid', input.appid],
    ['redirect_uri', input.redirectUri],
    ['response_type', 'code'],
    ['scope', input.scope],
    ['state', input.state ?? ''],
    ['component_appid', input.componentAppid],
    ['connect_redirect', '1'],
  ];
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `${input.openBaseUrl.replace(/\/+$/, '')}/connect/oauth2/authorize?${query}#wechat_redirect`;
}
