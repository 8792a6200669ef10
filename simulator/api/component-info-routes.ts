import { WxError } from '../core/wx-error.js';
import type { SeedAccount } from '../options.js';
import { funcInfo } from './component-token-routes.js';
import { type ApiRequest, type ApiRoute, type JsonBody, field, requireComponentAppid } from './route.js';

function authorizerInfo(req: ApiRequest, account: SeedAccount): JsonBody {
  const info: JsonBody = {
    nick_name: account.nickName,
    head_img: `http://wx.qlogo.cn/mmopen/simulated-${account.appid}/0`,
    service_type_info: { id: account.kind === 'oa' ? 2 : 0 },
    verify_type_info: { id: 0 },
    user_name: account.userName,
    principal_name: account.principalName,
    alias: account.kind === 'oa' ? account.userName.replace('gh_', 'alias_') : '',
    business_info: { open_store: 0, open_scan: 0, open_pay: 0, open_card: 0, open_shake: 0 },
    qrcode_url: `http://mmbiz.qpic.cn/mmbiz_jpg/simulated-${account.appid}/0`,
    account_status: 1,
    idc: 1,
    basic_config: { is_phone_configured: true, is_email_configured: true },
  };
  if (account.kind === 'mp') {
    const domains = req.ctx.state.wxaOf(account.appid).domains;
    info.signature = `${account.nickName} description`;
    info.register_type = 0;
    info.MiniProgramInfo = {
      network: {
        RequestDomain: domains.requestdomain,
        WsRequestDomain: domains.wsrequestdomain,
        UploadDomain: domains.uploaddomain,
        DownloadDomain: domains.downloaddomain,
        BizDomain: [],
        UDPDomain: [],
      },
      categories: [{ first: 'Tools', second: 'Office' }],
      visit_status: 0,
    };
  }
  return info;
}

function getAuthorizerInfo(req: ApiRequest): JsonBody {
  requireComponentAppid(req);
  const appid = field(req.body, 'authorizer_appid', 41002);
  const account = req.ctx.state.account(appid);
  if (!account) throw new WxError(40013, appid);
  const auth = req.ctx.state.authorizations.get(appid);
  if (auth?.status !== 'authorized') throw new WxError(61003);
  const authorization: JsonBody = { authorizer_appid: appid, func_info: funcInfo(auth.funcIds) };
  if (auth.refreshToken) authorization.authorizer_refresh_token = auth.refreshToken;
  return { authorizer_info: authorizerInfo(req, account), authorization_info: authorization };
}

/** §4.7: count <= 500, key `refresh_token` (absent until the code was exchanged). */
function getAuthorizerList(req: ApiRequest): JsonBody {
  requireComponentAppid(req);
  const offset = Number(req.body.offset ?? 0);
  const count = Number(req.body.count ?? 0);
  if (!Number.isInteger(offset) || offset < 0) throw new WxError(47001, 'offset');
  if (!Number.isInteger(count) || count < 1 || count > 500) throw new WxError(47001, 'count must be 1..500');
  // Stable sort: authorization order within the same second.
  const all = req.ctx.state.authorizations.active().sort((a, b) => a.authTime - b.authTime);
  const list = all.slice(offset, offset + count).map((a) => {
    const item: JsonBody = { authorizer_appid: a.appid, auth_time: a.authTime };
    if (a.refreshToken) item.refresh_token = a.refreshToken;
    return item;
  });
  return { total_count: all.length, list };
}

function getIpList(): JsonBody {
  return { ip_list: ['127.0.0.1', '::1'] };
}

export const componentInfoRoutes: ApiRoute[] = [
  { method: 'POST', path: '/cgi-bin/component/api_get_authorizer_info', token: 'component', handle: getAuthorizerInfo },
  { method: 'POST', path: '/cgi-bin/component/api_get_authorizer_list', token: 'component', handle: getAuthorizerList },
  { method: 'ANY', path: '/cgi-bin/getcallbackip', token: 'any', handle: getIpList },
  { method: 'ANY', path: '/cgi-bin/get_api_domain_ip', token: 'any', handle: getIpList },
];
