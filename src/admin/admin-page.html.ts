/**
 * The operator's page: accounts, the component's ticket and token, and the latest pushes. It holds
 * no data itself; its script reads the REST API with an admin key the operator types in (kept in
 * sessionStorage, so it is gone with the tab). Values are written with textContent, never as HTML.
 */
export function adminPage(nonce: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>WeChat Open Gateway — admin</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;line-height:1.4}table{border-collapse:collapse;margin:.5em 0 2em}
td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;font-size:.9em}th{background:#f4f4f4}.err{color:#b00}</style>
</head><body>
<h1>WeChat Open Gateway</h1>
<form id="key-form"><label>Admin API key <input id="key" type="password" autocomplete="off" size="40"></label>
<button type="submit">Show</button> <a href="/docs">API docs</a></form>
<p id="status" class="err"></p>
<h2>Component</h2><table id="component"><tbody></tbody></table>
<h2>Accounts</h2><table id="accounts"><thead><tr><th>appid</th><th>name</th><th>kind</th><th>source</th><th>status</th><th>authorized at</th></tr></thead><tbody></tbody></table>
<h2>Recent events</h2><table id="events"><thead><tr><th>received</th><th>InfoType</th><th>account</th><th>outcome</th></tr></thead><tbody></tbody></table>
<script nonce="${nonce}">
const $ = (id) => document.getElementById(id);
function row(table, cells) {
  const tr = document.createElement('tr');
  for (const c of cells) { const td = document.createElement('td'); td.textContent = c == null ? '' : String(c); tr.appendChild(td); }
  $(table).querySelector('tbody').appendChild(tr);
}
async function api(path) {
  const res = await fetch(path, { headers: { authorization: 'Bearer ' + sessionStorage.getItem('wog-admin-key') } });
  if (!res.ok) throw new Error(path + ': ' + res.status + ' ' + ((await res.json().catch(() => ({}))).message || ''));
  return res.json();
}
async function load() {
  for (const t of ['component', 'accounts', 'events']) $(t).querySelector('tbody').textContent = '';
  $('status').textContent = '';
  try {
    const c = await api('/api/component');
    row('component', ['configured', c.configured]);
    row('component', ['component appid', c.component_appid]);
    row('component', ['ticket', c.ticket && c.ticket.present ? 'received ' + c.ticket.received_at + ' (' + c.ticket.age_seconds + ' s ago)' : 'none yet']);
    row('component', ['component token expires', c.token && c.token.present ? c.token.expires_at : 'none yet']);
    const accounts = await api('/api/accounts?page_size=100');
    for (const a of accounts.items) row('accounts', [a.appid, a.nick_name, a.kind, a.source, a.status, a.authorized_at]);
    const events = await api('/api/component/events?limit=50');
    for (const e of events) row('events', [e.received_at, e.info_type, e.authorizer_appid, e.error ? 'failed: ' + e.error : e.processed_at ? 'processed' : 'processing']);
  } catch (err) { $('status').textContent = err.message; }
}
$('key-form').addEventListener('submit', (ev) => { ev.preventDefault(); sessionStorage.setItem('wog-admin-key', $('key').value); load(); });
if (sessionStorage.getItem('wog-admin-key')) load();
</script></body></html>`;
}
