import { randomInt } from 'node:crypto';
import { WxError } from '../core/wx-error.js';
import type { WxaState } from '../state/sim-state.js';
import { callerAccount } from './account-guard.js';
import { type ApiRequest, type ApiRoute, type JsonBody, OK, field } from './route.js';

const DOMAIN_KEYS = ['requestdomain', 'wsrequestdomain', 'uploaddomain', 'downloaddomain'];

/** Code management is for mini programs through a component: 86000 for direct tokens, 48001 for OAs. */
function wxaOf(req: ApiRequest): WxaState {
  const caller = callerAccount(req);
  if (!caller.viaComponent) throw new WxError(86000);
  if (caller.kind !== 'mp') throw new WxError(48001, 'not a mini program');
  return req.ctx.state.wxaOf(caller.appid);
}

function commit(req: ApiRequest): JsonBody {
  const wxa = wxaOf(req);
  wxa.committed = {
    templateId: field(req.body, 'template_id', 47001),
    userVersion: field(req.body, 'user_version', 47001),
    extJson: typeof req.body.ext_json === 'string' ? req.body.ext_json : undefined,
  };
  return OK();
}

/** Auditing (status 2) until completeAudit(); a second submission meanwhile is 85009. */
function submitAudit(req: ApiRequest): JsonBody {
  const wxa = wxaOf(req);
  if (!wxa.committed) throw new WxError(86001);
  if (wxa.audit?.status === 2) throw new WxError(85009);
  wxa.audit = { auditid: randomInt(400_000_000, 499_999_999), status: 2 };
  return { errcode: 0, errmsg: 'ok', auditid: wxa.audit.auditid };
}

function latestAuditStatus(req: ApiRequest): JsonBody {
  const audit = wxaOf(req).audit;
  if (!audit) throw new WxError(85019);
  return { errcode: 0, errmsg: 'ok', auditid: audit.auditid, status: audit.status, reason: audit.reason ?? '' };
}

function release(req: ApiRequest): JsonBody {
  const wxa = wxaOf(req);
  if (!wxa.audit) throw new WxError(85019);
  if (wxa.audit.status !== 0) throw new WxError(85020);
  wxa.released = wxa.committed?.userVersion;
  wxa.audit.status = 3; // released: the same audit cannot be released twice
  return OK();
}

function modifyDomain(req: ApiRequest): JsonBody {
  const wxa = wxaOf(req);
  const action = field(req.body, 'action', 47001);
  if (!['add', 'delete', 'set', 'get'].includes(action)) throw new WxError(47001, `action ${action}`);
  for (const key of DOMAIN_KEYS) {
    const given = Array.isArray(req.body[key]) ? (req.body[key] as unknown[]).map(String) : [];
    const current = wxa.domains[key] ?? [];
    if (action === 'set') wxa.domains[key] = given;
    if (action === 'add') wxa.domains[key] = [...new Set([...current, ...given])];
    if (action === 'delete') wxa.domains[key] = current.filter((d) => !given.includes(d));
  }
  return { errcode: 0, errmsg: 'ok', ...Object.fromEntries(DOMAIN_KEYS.map((k) => [k, wxa.domains[k]])) };
}

export const wxaRoutes: ApiRoute[] = [
  { method: 'POST', path: '/wxa/commit', token: 'authorizer', handle: commit },
  { method: 'POST', path: '/wxa/submit_audit', token: 'authorizer', handle: submitAudit },
  { method: 'ANY', path: '/wxa/get_latest_auditstatus', token: 'authorizer', handle: latestAuditStatus },
  { method: 'POST', path: '/wxa/release', token: 'authorizer', handle: release },
  { method: 'POST', path: '/wxa/modify_domain', token: 'authorizer', handle: modifyDomain },
];
