import type { SeedAccount } from '../options.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;max-width:720px;margin:2em auto}li{margin:1em 0;padding:1em;border:1px solid #ddd}
.error{color:#b00}</style></head><body>${body}</body></html>`;
}

/**
 * WeChat's error page (status 200 like the real one). `data-errcode`/`X-Sim-Error` let tests tell
 * the cases apart without parsing Chinese text.
 */
export function errorPage(kind: string, message: string, detail = ''): string {
  return layout(
    '公众平台第三方平台授权 - 出错了',
    `<div id="sim-error" class="error" data-error="${escapeHtml(kind)}"><h1>出错了 / Error</h1>
<p>${escapeHtml(message)}</p><p id="sim-error-detail">${escapeHtml(detail)}</p></div>`,
  );
}

/** §5.2: the text users report, with the entry domain (Referer host) or "empty". */
export function domainErrorMessage(entryDomain: string): string {
  return (
    '请确认授权入口页所在域名，与授权后回调页所在域名相同，并且，此两者都必须与申请第三方平台时填写的授权发起页域名相同。' +
    `授权入口页所在域名：${entryDomain || '空'} / entry page domain: ${entryDomain || 'empty'}`
  );
}

export interface AccountPageInput {
  action: string;
  preAuthCode: string;
  redirectUri: string;
  accounts: SeedAccount[];
  grantedFor: (appid: string) => number[] | undefined;
}

function accountItem(input: AccountPageInput, account: SeedAccount): string {
  const granted = input.grantedFor(account.appid);
  const boxes = account.funcIds
    .map(
      (id) =>
        `<label><input type="checkbox" name="func_id" value="${id}" data-func-id="${id}" ${granted === undefined || granted.includes(id) ? 'checked' : ''}> ${id}</label>`,
    )
    .join(' ');
  const a = escapeHtml(account.appid);
  return `<li data-account="${a}"><form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="pre_auth_code" value="${escapeHtml(input.preAuthCode)}">
<input type="hidden" name="redirect_uri" value="${escapeHtml(input.redirectUri)}">
<input type="hidden" name="appid" value="${a}">
<strong>${escapeHtml(account.nickName)}</strong> (${account.kind === 'oa' ? '公众号 Official Account' : '小程序 Mini Program'},
${escapeHtml(account.userName)}, ${a})${granted ? ' · 已授权 already authorized' : ''}<br>权限集 permission sets: ${boxes}<br>
<button type="submit" id="authorize-${a}" data-appid="${a}">授权 authorize</button></form></li>`;
}

export function accountPage(input: AccountPageInput): string {
  const items = input.accounts.map((account) => accountItem(input, account)).join('');
  return layout(
    '公众平台第三方平台授权 (simulated)',
    `<h1>授权给第三方平台 / Authorize the third-party platform</h1>
<p>选择要授权的账号 / choose the account to authorize (simulator: no QR code scan).</p><ul id="accounts">${items}</ul>`,
  );
}
