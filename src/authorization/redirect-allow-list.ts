/**
 * Whether the authorization flow may send a browser to `target` (AuthorizationConfig.redirectAllowList).
 * An entry that is a bare origin (`https://app.example.com`) allows any path on exactly that origin; an
 * entry with a path (`https://app.example.com/wechat/`) allows URLs on that origin whose path starts
 * with it at a segment boundary. Credentials in the URL and non-http(s) schemes are always refused.
 */
export function isRedirectAllowed(target: string, allowList: readonly string[]): boolean {
  const url = parse(target);
  if (!url || url.username || url.password) return false;
  return allowList.some((entry) => matches(url, entry));
}

function matches(url: URL, entry: string): boolean {
  const allowed = parse(entry);
  if (!allowed || allowed.origin !== url.origin) return false;
  const prefix = allowed.pathname;
  if (prefix === '/' && !allowed.search) return true; // an origin entry
  if (allowed.search) return url.href.startsWith(allowed.href);
  if (!url.pathname.startsWith(prefix)) return false;
  // "/wechat" must not allow "/wechat-evil": the prefix ends at a segment boundary.
  return prefix.endsWith('/') || url.pathname.length === prefix.length || url.pathname[prefix.length] === '/';
}

function parse(s: string): URL | undefined {
  try {
    const url = new URL(s);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}
