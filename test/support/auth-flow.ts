import type { INestApplication } from '@nestjs/common';
import { TicketService } from '../../src/ticket/ticket.service.js';
import type { WechatSimulator } from '../../simulator/index.js';

/** Stores a ticket the simulator issued, as the events URL would (nothing is pushed). */
export async function seedTicket(app: INestApplication, sim: WechatSimulator): Promise<void> {
  const { ticket, issuedAt } = sim.state.tickets.issue();
  await app.get(TicketService).save(sim.component.appId, ticket, issuedAt);
}

/** The WeChat URL the gateway's initiation page navigates to (`location.href = "…"`). */
export function wechatUrlOf(html: string): string {
  const m = /location\.href = ("(?:[^"\\]|\\.)*");/.exec(html);
  if (!m) throw new Error(`no navigation in the page: ${html.slice(0, 300)}`);
  return JSON.parse(m[1]) as string;
}

export interface BrowserAuthorization {
  /** The gateway page the "browser" started on (its Referer towards WeChat). */
  entryUrl: string;
  wechatUrl: string;
  /** Where WeChat sent the browser back: the gateway callback with auth_code. */
  callbackUrl: string;
  authCode: string;
}

/**
 * What a browser does, without one: open the gateway page, follow its script to WeChat's page with
 * the gateway page as Referer, confirm for `appid`, and stop at WeChat's redirect back.
 */
export async function authorizeLikeBrowser(
  gatewayUrl: string,
  appid: string,
  opts: { redirectUri?: string; userAgent?: string } = {},
): Promise<BrowserAuthorization> {
  const query = opts.redirectUri ? `?redirect_uri=${encodeURIComponent(opts.redirectUri)}` : '';
  const entryUrl = `${gatewayUrl}/wechat/authorize${query}`;
  const headers: Record<string, string> = opts.userAgent ? { 'user-agent': opts.userAgent } : {};
  const entry = await fetch(entryUrl, { headers, redirect: 'manual' });
  if (entry.status !== 200) throw new Error(`gateway page answered ${entry.status}: ${await entry.text()}`);
  const wechatUrl = wechatUrlOf(await entry.text());
  const page = await fetch(wechatUrl, { headers: { ...headers, referer: entryUrl } });
  const pageHtml = await page.text();
  if (page.headers.get('x-sim-error')) throw new Error(`WeChat page refused: ${pageHtml}`);
  if (!pageHtml.includes(`data-appid="${appid}"`)) throw new Error(`account ${appid} not offered`);
  const target = new URL(wechatUrl);
  const form = new URLSearchParams({
    pre_auth_code: target.searchParams.get('pre_auth_code') ?? '',
    redirect_uri: target.searchParams.get('redirect_uri') ?? '',
    appid,
  });
  const confirm = await fetch(`${target.origin}${target.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', referer: wechatUrl },
    body: form.toString(),
    redirect: 'manual',
  });
  const callbackUrl = confirm.headers.get('location');
  if (confirm.status !== 302 || !callbackUrl)
    throw new Error(`confirm answered ${confirm.status}: ${await confirm.text()}`);
  const authCode = new URL(callbackUrl).searchParams.get('auth_code');
  if (!authCode) throw new Error(`no auth_code in ${callbackUrl}`);
  return { entryUrl, wechatUrl, callbackUrl, authCode };
}
