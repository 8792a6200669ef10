/** The small HTML pages of the browser-facing authorization routes. Every dynamic value is escaped. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A JSON string literal safe inside <script>: no `</script>`, no U+2028/2029 surprises. */
function scriptString(value: string): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function layout(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer-when-downgrade"><title>${escapeHtml(title)}</title>${head}
<style>body{font-family:system-ui,sans-serif;max-width:36em;margin:3em auto;padding:0 1em;line-height:1.5}
.button{display:inline-block;padding:.6em 1.2em;background:#07c160;color:#fff;border-radius:4px;text-decoration:none}
</style></head><body>${body}</body></html>`;
}

/**
 * The initiation page (§5.2): the browser itself navigates to WeChat, so WeChat sees this page as the
 * Referer. The link is the fallback when scripts are off.
 */
export function redirectPage(wechatUrl: string, nonce: string): string {
  return layout(
    'Authorize on WeChat',
    `<h1>Authorize on WeChat</h1>
<p>Opening WeChat's authorization page… If nothing happens, use the button.</p>
<p><a id="wechat-authorize" class="button" href="${escapeHtml(wechatUrl)}">Continue to WeChat</a></p>
<script nonce="${nonce}">location.href = ${scriptString(wechatUrl)};</script>`,
  );
}

export function messagePage(title: string, lines: string[], id: string): string {
  const paragraphs = lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n');
  return layout(title, `<main id="${escapeHtml(id)}"><h1>${escapeHtml(title)}</h1>\n${paragraphs}</main>`);
}

export function resultPage(nickName: string | null, appid: string): string {
  const name = nickName ? `${nickName} (${appid})` : appid;
  return layout(
    'Authorization complete',
    `<main id="authorization-complete" data-appid="${escapeHtml(appid)}"><h1>Authorization complete</h1>
<p>The account <strong>${escapeHtml(name)}</strong> is now authorized. You may close this page.</p></main>`,
  );
}

/** Scripts only with this page's nonce, no other resources, no framing. */
export function contentSecurityPolicy(nonce?: string): string {
  const script = nonce ? `'nonce-${nonce}'` : "'none'";
  return [
    "default-src 'none'",
    `script-src ${script}`,
    "style-src 'unsafe-inline'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
