import type { SimContext } from '../context.js';
import { WxError } from '../core/wx-error.js';
import type { HostName } from '../options.js';
import type { TokenRecord } from '../state/token-registry.js';

/**
 * Which token an endpoint takes. component: component_access_token (or access_token, both names,
 * §1); account: an authorizer or directly obtained account token; any: either of those or the
 * component token (getcallbackip, quota); user: a web-OAuth user token (sns/userinfo).
 */
export type TokenPolicy = 'none' | 'optional-component' | 'component' | 'authorizer' | 'account' | 'any' | 'user';

export type JsonBody = Record<string, unknown>;

export interface ApiRequest {
  ctx: SimContext;
  host: HostName;
  method: string;
  path: string;
  query: Record<string, string>;
  body: JsonBody;
  raw: Buffer;
  contentType: string;
  remoteIp: string;
  /** The validated token (absent for token-less endpoints). */
  token?: TokenRecord;
}

export interface BinaryResult {
  binary: Buffer;
  contentType: string;
  filename?: string;
}

export type ApiResult = JsonBody | BinaryResult;

export interface ApiRoute {
  method: 'GET' | 'POST' | 'ANY';
  path: string;
  token: TokenPolicy;
  /** Default: json for POST, none for GET/ANY. */
  body?: 'json' | 'multipart' | 'none';
  handle(req: ApiRequest): ApiResult | Promise<ApiResult>;
}

export const OK = (): JsonBody => ({ errcode: 0, errmsg: 'ok' });

/** A required string field of the JSON body or query; 41001-family codes are endpoint specific. */
export function field(source: JsonBody | Record<string, string>, name: string, missingCode = 47001): string {
  const value = source[name];
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number') return String(value);
  throw new WxError(missingCode, `field ${name}`);
}

export function optionalField(source: JsonBody | Record<string, string>, name: string): string | undefined {
  const value = source[name];
  if (typeof value === 'string' && value.length > 0) return value;
  return typeof value === 'number' ? String(value) : undefined;
}

/** Component endpoints repeat the component appid in the body; a foreign one is 61011 (§9). */
export function requireComponentAppid(req: ApiRequest): void {
  const appid = field(req.body, 'component_appid', 41002);
  if (appid !== req.ctx.componentAppId) throw new WxError(61011, appid);
}

/** The authorizer a token acts for; throws for tokens of the wrong kind. */
export function tokenAppid(req: ApiRequest): string {
  if (!req.token) throw new WxError(41001);
  return req.token.appid;
}
