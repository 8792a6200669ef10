/**
 * Whether a URL is on the initiation domain (§5.2). The configured domain is a bare host; when it
 * carries a port (local setups), the port must match too.
 */
export function onDomain(url: string | undefined, domain: string): boolean {
  const host = hostOf(url);
  if (!host) return false;
  return domain.includes(':') ? host === domain : host.replace(/:\d+$/, '') === domain;
}

/** host[:port] of a URL, '' when absent or unparsable (what WeChat shows as "empty"). */
export function hostOf(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** Appends auth_code/expires_in the way WeChat does: after any existing query, before a fragment. */
export function appendParams(uri: string, params: Record<string, string>): string {
  const hashAt = uri.indexOf('#');
  const base = hashAt < 0 ? uri : uri.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : uri.slice(hashAt);
  const extra = Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%40/g, '@')}`)
    .join('&');
  const sep = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
  return `${base}${sep}${extra}${hash}`;
}
