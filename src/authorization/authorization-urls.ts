/** Building the authorization page URLs of wechat-open-platform.md §5.1. Pure functions. */

export type AuthType = 1 | 2 | 3;

export interface AuthorizationUrlOptions {
  /** Where the browser ends up (already allow-listed); absent: the gateway's own result page. */
  redirectUri?: string;
  /** 1 official accounts, 2 mini programs, 3 both (WeChat's default). */
  authType?: AuthType;
  /** Only this account may authorize; WeChat says it excludes auth_type. */
  bizAppid?: string;
  /** Pre-selected permission sets, sent as `1|15` (§5.1, unconfirmed in current docs). */
  categoryIdList?: number[];
}

export interface UrlHosts {
  /** The gateway's public address, no trailing slash. */
  publicUrl: string;
  mpBaseUrl: string;
  openBaseUrl: string;
  componentAppId: string;
}

export interface AuthorizationUrls {
  gatewayUrl: string;
  pcUrl: string;
  mobileUrl: string;
  mobileUrlLegacy: string;
  preAuthCode: string;
  expiresIn: number;
}

type Params = [string, string | number | undefined][];

/** Every value fully encoded: a redirect_uri left half-encoded loses its parameters after the first `&` (§5.1). */
export function query(params: Params): string {
  return params
    .filter((p): p is [string, string | number] => p[1] !== undefined && p[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
}

const trim = (base: string): string => base.replace(/\/+$/, '');

/** The gateway's callback on the initiation domain; WeChat appends auth_code and expires_in (§5.3). */
export function callbackUrl(publicUrl: string, returnTo?: string): string {
  const q = query([['return_to', returnTo]]);
  return `${trim(publicUrl)}/wechat/authorize/callback${q ? `?${q}` : ''}`;
}

/** The gateway's own initiation page, which a browser must open first (§5.2). */
export function gatewayPageUrl(publicUrl: string, opts: AuthorizationUrlOptions): string {
  const q = query([
    ['redirect_uri', opts.redirectUri],
    ['auth_type', opts.authType],
    ['biz_appid', opts.bizAppid],
    ['category_id_list', opts.categoryIdList?.join('|')],
  ]);
  return `${trim(publicUrl)}/wechat/authorize${q ? `?${q}` : ''}`;
}

export function buildAuthorizationUrls(
  hosts: UrlHosts,
  preAuth: { code: string; expiresIn: number },
  opts: AuthorizationUrlOptions,
): AuthorizationUrls {
  const common: Params = [
    ['component_appid', hosts.componentAppId],
    ['pre_auth_code', preAuth.code],
    ['redirect_uri', callbackUrl(hosts.publicUrl, opts.redirectUri)],
    // 3 (both kinds) is WeChat's default; with biz_appid it is left out (the two exclude each other).
    ['auth_type', opts.bizAppid ? opts.authType : (opts.authType ?? 3)],
    ['biz_appid', opts.bizAppid],
    ['category_id_list', opts.categoryIdList?.join('|')],
  ];
  const h5 = query([['action', 'bindcomponent'], ['no_scan', 1], ...common]);
  return {
    gatewayUrl: gatewayPageUrl(hosts.publicUrl, opts),
    pcUrl: `${trim(hosts.mpBaseUrl)}/cgi-bin/componentloginpage?${query(common)}`,
    mobileUrl: `${trim(hosts.openBaseUrl)}/wxaopen/safe/bindcomponent?${h5}#wechat_redirect`,
    mobileUrlLegacy: `${trim(hosts.mpBaseUrl)}/safe/bindcomponent?${h5}#wechat_redirect`,
    preAuthCode: preAuth.code,
    expiresIn: preAuth.expiresIn,
  };
}
