import { randomAlnum } from '../core/ids.js';
import { WxError } from '../core/wx-error.js';
import { callerAccount, requireFuncSet, requireUser } from './account-guard.js';
import { type ApiRequest, type ApiRoute, type JsonBody, OK, field } from './route.js';

const TICKET_TTL_SEC = 7200;

/** §4.14: jsapi / wx_card tickets, the same one while valid (7200 s). */
function getTicket(req: ApiRequest): JsonBody {
  const type = req.query.type ?? 'jsapi';
  if (type !== 'jsapi' && type !== 'wx_card') throw new WxError(40097, `invalid type ${type}`);
  const { appid } = callerAccount(req);
  const cache = req.ctx.state.jsTickets;
  const now = req.ctx.clock.now();
  let entry = cache.get(`${appid} ${type}`);
  if (!entry || entry.expiresAt <= now) {
    entry = { ticket: `sim_${type}_${randomAlnum(80)}`, expiresAt: now + TICKET_TTL_SEC };
    cache.set(`${appid} ${type}`, entry);
  }
  return { errcode: 0, errmsg: 'ok', ticket: entry.ticket, expires_in: entry.expiresAt - now };
}

/** §4.15: set 1 (OA message management) or 19 (MP customer-service messages) must be granted. */
function customSend(req: ApiRequest): JsonBody {
  requireFuncSet(req, 1, 19);
  const touser = requireUser(req, typeof req.body.touser === 'string' ? req.body.touser : undefined);
  const msgtype = field(req.body, 'msgtype', 47001);
  const text = req.body.text as { content?: unknown } | undefined;
  if (msgtype === 'text' && typeof text?.content !== 'string') throw new WxError(47001, 'text.content missing');
  const token = req.token;
  req.ctx.state.customMessages.push({
    appid: callerAccount(req).appid,
    tokenKind: token?.kind ?? '',
    token: token?.value ?? '',
    touser,
    msgtype,
    content: msgtype === 'text' ? String(text?.content) : undefined,
    body: req.body,
    time: req.ctx.clock.now(),
  });
  return OK();
}

function userInfo(req: ApiRequest): JsonBody {
  const openid = requireUser(req, req.query.openid);
  const account = req.ctx.state.account(callerAccount(req).appid);
  const user = account?.users.find((u) => u.openid === openid);
  return {
    subscribe: 1,
    openid,
    nickname: user?.nickname ?? '',
    sex: 0,
    language: req.query.lang ?? 'zh_CN',
    city: '',
    province: '',
    country: '',
    headimgurl: '',
    subscribe_time: req.ctx.clock.now() - 86400,
    ...(user?.unionid ? { unionid: user.unionid } : {}),
    remark: '',
    groupid: 0,
    tagid_list: [],
    subscribe_scene: 'ADD_SCENE_QR_CODE',
    qr_scene: 0,
    qr_scene_str: '',
  };
}

function templateSend(req: ApiRequest): JsonBody {
  const touser = requireUser(req, typeof req.body.touser === 'string' ? req.body.touser : undefined);
  field(req.body, 'template_id', 40037);
  req.ctx.state.templateMessages.push({
    appid: callerAccount(req).appid,
    tokenKind: req.token?.kind ?? '',
    token: req.token?.value ?? '',
    touser,
    msgtype: 'template',
    body: req.body,
    time: req.ctx.clock.now(),
  });
  return { errcode: 0, errmsg: 'ok', msgid: Number(`20${Math.floor(Math.random() * 1e9)}`) };
}

function menuCreate(req: ApiRequest): JsonBody {
  requireFuncSet(req, 15, undefined);
  if (!Array.isArray(req.body.button) || req.body.button.length === 0) throw new WxError(40016, 'button');
  req.ctx.state.menus.set(callerAccount(req).appid, req.body.button);
  return OK();
}

function menuGet(req: ApiRequest): JsonBody {
  const menu = req.ctx.state.menus.get(callerAccount(req).appid);
  if (!menu) throw new WxError(46003, 'menu no exist');
  return { menu: { button: menu } };
}

function menuDelete(req: ApiRequest): JsonBody {
  req.ctx.state.menus.delete(callerAccount(req).appid);
  return OK();
}

export const accountRoutes: ApiRoute[] = [
  { method: 'ANY', path: '/cgi-bin/ticket/getticket', token: 'account', handle: getTicket },
  { method: 'POST', path: '/cgi-bin/message/custom/send', token: 'account', handle: customSend },
  { method: 'ANY', path: '/cgi-bin/user/info', token: 'account', handle: userInfo },
  { method: 'POST', path: '/cgi-bin/message/template/send', token: 'account', handle: templateSend },
  { method: 'POST', path: '/cgi-bin/menu/create', token: 'account', handle: menuCreate },
  { method: 'ANY', path: '/cgi-bin/menu/get', token: 'account', handle: menuGet },
  { method: 'ANY', path: '/cgi-bin/menu/delete', token: 'account', handle: menuDelete },
];
