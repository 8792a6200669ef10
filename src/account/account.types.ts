export const ACCOUNT_KINDS = ['official_account', 'mini_program'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** 'component': authorized through this third-party platform; 'direct': registered with appid + secret. */
export const ACCOUNT_SOURCES = ['component', 'direct'] as const;
export type AccountSource = (typeof ACCOUNT_SOURCES)[number];

export const ACCOUNT_STATUSES = ['authorized', 'revoked', 'needs_reauthorization'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** What api_get_authorizer_info says about an account (wechat-open-platform.md §4.6). */
export interface AccountInfo {
  kind: AccountKind;
  nickName: string | null;
  headImg: string | null;
  userName: string | null;
  principalName: string | null;
  alias: string | null;
  serviceType: number | null;
  verifyType: number | null;
}

export interface UpsertAuthorizedInput {
  appid: string;
  componentAppid: string;
  /** Omitted when api_get_authorizer_info failed: the stored info is kept (a new row defaults to an OA). */
  info?: AccountInfo;
  /** Granted permission sets; omitted: the stored ones are kept. */
  funcIds?: number[];
  /** The latest authorizer_refresh_token; omitted: the stored one is kept. */
  refreshToken?: string;
  /** The authorizer_access_token api_query_auth handed out: stored in the same transaction. */
  accessToken?: IssuedAccessToken;
  authorizedAt?: Date;
}

/** An access token WeChat just issued, as the token tables keep it. */
export interface IssuedAccessToken {
  accessToken: string;
  expiresAt: Date;
  /** When the WeChat call that issued it started: a later fetch wins, an earlier one never overwrites. */
  fetchedAt: Date;
}

/** How a directly-managed account gets its token (wechat-open-platform.md §4.13). */
export const TOKEN_ENDPOINTS = ['stable', 'classic'] as const;
export type TokenEndpoint = (typeof TOKEN_ENDPOINTS)[number];

export interface RegisterDirectInput {
  appid: string;
  secret: string;
  kind: AccountKind;
  /** Message server token and EncodingAESKey, as entered in the account's console; both or neither. */
  messageToken?: string;
  encodingAesKey?: string;
  tokenEndpoint?: TokenEndpoint;
}

/** What the token module needs to fetch a direct account's token. Never logged. */
export interface DirectCredentials {
  appid: string;
  secret: string;
  tokenEndpoint: TokenEndpoint;
}

/** What the message module needs to verify and decrypt a direct account's pushes. Never logged. */
export interface MessageCredentials {
  token: string;
  encodingAesKey: string;
}

export interface ListAccountsQuery {
  kind?: AccountKind;
  source?: AccountSource;
  status?: AccountStatus;
  page: number;
  pageSize: number;
}

export interface AccountPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** What reconciliation needs to compare with api_get_authorizer_list. */
export interface KnownAccount {
  appid: string;
  status: AccountStatus;
  refreshToken: string | null;
  infoSynced: boolean;
}

export function parseFuncIds(stored: string | null): number[] {
  if (!stored) return [];
  return stored
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n));
}

export function formatFuncIds(ids: number[]): string | null {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  return unique.length ? unique.join(',') : null;
}
