import { WxError } from '../core/wx-error.js';
import {
  type ApiRequest,
  type ApiRoute,
  type JsonBody,
  OK,
  field,
  optionalField,
  requireComponentAppid,
} from './route.js';

/** §4.8: the three authorizer options and their allowed values. */
const OPTION_VALUES: Record<string, string[]> = {
  location_report: ['0', '1', '2'],
  voice_recognize: ['0', '1'],
  customer_service: ['0', '1'],
};
const CLEAR_QUOTA_PER_MONTH = 10;

/** Old generation: component token + authorizer_appid; new: authorizer token, or component + appid. */
function optionTarget(req: ApiRequest, generation: 'old' | 'new'): string {
  if (generation === 'old') requireComponentAppid(req);
  const appid = req.token?.kind === 'component' ? field(req.body, 'authorizer_appid', 41002) : (req.token?.appid ?? '');
  const auth = req.ctx.state.authorizations.get(appid);
  if (auth?.status !== 'authorized') throw new WxError(61003);
  return appid;
}

function optionName(req: ApiRequest): string {
  const name = field(req.body, 'option_name', 61012);
  if (!OPTION_VALUES[name]) throw new WxError(61012, name);
  return name;
}

const getOption = (generation: 'old' | 'new') => (req: ApiRequest) => {
  const appid = optionTarget(req, generation);
  const name = optionName(req);
  const value = req.ctx.state.authorizations.get(appid)?.options[name] ?? '0';
  const base = { option_name: name, option_value: value };
  return generation === 'old' ? { authorizer_appid: appid, ...base } : { errcode: 0, errmsg: 'ok', ...base };
};

const setOption = (generation: 'old' | 'new') => (req: ApiRequest) => {
  const appid = optionTarget(req, generation);
  const name = optionName(req);
  const value = field(req.body, 'option_value', 61013);
  if (!OPTION_VALUES[name].includes(value)) throw new WxError(61013, value);
  const auth = req.ctx.state.authorizations.get(appid);
  if (auth) auth.options[name] = value;
  return OK();
};

function clearQuotaFor(req: ApiRequest, appid: string): JsonBody {
  const { state } = req.ctx;
  const month = new Date(req.ctx.clock.now() * 1000).toISOString().slice(0, 7);
  const key = `${appid} ${month}`;
  const used = state.clearQuotaUses.get(key) ?? 0;
  if (used >= CLEAR_QUOTA_PER_MONTH) throw new WxError(48006);
  state.clearQuotaUses.set(key, used + 1);
  for (const k of [...state.quotaUsed.keys()]) if (k.startsWith(`${appid} `)) state.quotaUsed.delete(k);
  return OK();
}

function componentClearQuota(req: ApiRequest): JsonBody {
  requireComponentAppid(req);
  return clearQuotaFor(req, req.ctx.componentAppId);
}

/** v2 works without a token (for when the token quota itself is exhausted, §4.9). */
function componentClearQuotaV2(req: ApiRequest): JsonBody {
  requireComponentAppid(req);
  if (field(req.body, 'appsecret', 41004) !== req.ctx.options.component.appSecret) throw new WxError(40125);
  const target = optionalField(req.body, 'appid') ?? req.ctx.componentAppId;
  if (target !== req.ctx.componentAppId && !req.ctx.state.authorizations.isActive(target)) throw new WxError(61003);
  return clearQuotaFor(req, target);
}

/** §4.10: the token must belong to the account whose quota is cleared (40013 otherwise). */
function clearQuota(req: ApiRequest): JsonBody {
  const appid = field(req.body, 'appid', 41002);
  if (appid !== req.token?.appid) throw new WxError(40013, 'appid does not match the token');
  return clearQuotaFor(req, appid);
}

function quotaGet(req: ApiRequest): JsonBody {
  const path = field(req.body, 'cgi_path', 47001);
  if (path.startsWith('/sns/')) throw new WxError(76022, 'sns paths are not supported');
  if (!req.ctx.routePaths.has(path)) throw new WxError(76021);
  const used = req.ctx.state.quotaUsed.get(`${req.token?.appid} ${path}`) ?? 0;
  return { errcode: 0, errmsg: 'ok', quota: { daily_limit: 10000, used, remain: 10000 - used } };
}

export const optionQuotaRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/component/api_get_authorizer_option',
    token: 'component',
    handle: getOption('old'),
  },
  {
    method: 'POST',
    path: '/cgi-bin/component/api_set_authorizer_option',
    token: 'component',
    handle: setOption('old'),
  },
  // §4.8: sources disagree on the token of the new generation; both kinds are accepted.
  { method: 'POST', path: '/cgi-bin/component/get_authorizer_option', token: 'any', handle: getOption('new') },
  { method: 'POST', path: '/cgi-bin/component/set_authorizer_option', token: 'any', handle: setOption('new') },
  { method: 'POST', path: '/cgi-bin/component/clear_quota', token: 'component', handle: componentClearQuota },
  { method: 'POST', path: '/cgi-bin/component/clear_quota/v2', token: 'none', handle: componentClearQuotaV2 },
  { method: 'POST', path: '/cgi-bin/clear_quota', token: 'any', handle: clearQuota },
  { method: 'POST', path: '/cgi-bin/openapi/quota/get', token: 'any', handle: quotaGet },
];
