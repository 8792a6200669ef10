import type { IncomingMessage, ServerResponse } from 'node:http';
import { summarizeBody } from '../api/api-host.js';
import { applyFault, type CallBase } from '../http/fault-apply.js';
import { parseUrl, readBody, redirect, sendHtml } from '../http/io.js';
import type { HostName } from '../options.js';
import { confirmAuthorization, showLoginPage, type PageDeps, type PageOutcome } from './auth-pages.js';
import { oauthAuthorize } from './oauth-page.js';
import { errorPage } from './page-html.js';

/** Authorization pages per host (§5.1): the PC page and the old H5 page on mp, the new H5 page on open. */
const LOGIN_PAGES: Record<string, string[]> = {
  mp: ['/cgi-bin/componentloginpage', '/safe/bindcomponent'],
  open: ['/wxaopen/safe/bindcomponent'],
};

export async function handlePagesRequest(
  deps: PageDeps & { background: (task: () => Promise<unknown>) => void },
  host: HostName,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { ctx } = deps;
  const { path, query } = parseUrl(req);
  const raw = await readBody(req);
  const method = req.method ?? 'GET';
  const base: CallBase = { host, method, path, query, body: summarizeBody(raw, ''), time: ctx.clock.now() };
  const fault = ctx.faults.take(host, path);
  if (fault && (await applyFault(ctx, fault, base, req, res))) return;
  const outcome = await route(deps, host, method, path, query, raw, req.headers.referer);
  const status =
    outcome.kind === 'redirect' ? 302 : outcome.kind === 'error' && outcome.error === 'not_found' ? 404 : 200;
  ctx.recorder.record({ ...base, status });
  if (outcome.kind === 'redirect') {
    redirect(res, outcome.location);
    if (outcome.after) deps.background(outcome.after);
  } else if (outcome.kind === 'html') sendHtml(res, 200, outcome.html);
  else if (outcome.error === 'not_found') sendHtml(res, 404, errorPage(outcome.error, outcome.message));
  else sendHtml(res, 200, errorPage(outcome.error, outcome.message, outcome.detail), { 'X-Sim-Error': outcome.error });
}

async function route(
  deps: PageDeps,
  host: HostName,
  method: string,
  path: string,
  query: Record<string, string>,
  raw: Buffer,
  referer: string | undefined,
): Promise<PageOutcome> {
  if (LOGIN_PAGES[host]?.includes(path)) {
    if (method === 'POST') return confirmAuthorization(deps, new URLSearchParams(raw.toString('utf8')));
    return showLoginPage(deps, path, query, referer);
  }
  if (host === 'open' && path === '/connect/oauth2/authorize') return oauthAuthorize(deps.ctx, query);
  return { kind: 'error', error: 'not_found', message: `no page ${path} on the ${host} host` };
}
