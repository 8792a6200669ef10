/**
 * Redaction of WeChat credentials in URLs and free text (pitfall 25: SDK logs quoted in public bug
 * reports carry component secrets and tokens because URLs and bodies were logged as-is).
 */

/** Field names whose values never reach a log line or an error message. The logger reuses this list. */
export const REDACTED_KEYS: readonly string[] = [
  'access_token',
  'component_access_token',
  'authorizer_access_token',
  'authorizer_refresh_token',
  'refresh_token',
  'component_appsecret',
  'component_secret',
  'appsecret',
  'secret',
  'component_verify_ticket',
  'ticket',
  'pre_auth_code',
  'authorization_code',
  'auth_code',
  'code',
  'js_code',
  'session_key',
  'EncodingAESKey',
  'encodingAesKey',
  'encoding_aes_key',
  'aes_key',
];

export const REDACTED = '***';

// Case, '_' and '-' are ignored so that WeChat's XML names (ComponentVerifyTicket, AuthorizationCode,
// PreAuthCode) and camelCase variants match the snake_case names of the JSON APIs.
const normalize = (key: string): string => key.toLowerCase().replace(/[_-]/g, '');
const NORMALIZED_KEYS = new Set(REDACTED_KEYS.map(normalize));

/** True when values of a field of this name must be hidden (any case, '_' and '-' ignored). */
export function isRedactedKey(name: string): boolean {
  return NORMALIZED_KEYS.has(normalize(name));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function redactPair(pair: string): string {
  const eq = pair.indexOf('=');
  if (eq < 0 || !isRedactedKey(safeDecode(pair.slice(0, eq)))) return pair;
  return `${pair.slice(0, eq)}=${REDACTED}`;
}

/** Hides the values of sensitive query parameters of an absolute URL or a path with a query. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const hash = url.indexOf('#', q);
  const end = hash < 0 ? url.length : hash;
  const query = url
    .slice(q + 1, end)
    .split('&')
    .map(redactPair)
    .join('&');
  return url.slice(0, q + 1) + query + url.slice(end);
}

const XML_ELEMENT = /<([A-Za-z][\w-]*)>(<!\[CDATA\[[\s\S]*?\]\]>|[^<]*)<\/\1>/g;
// Only the key and the opening quote are matched, so that values of other fields are still scanned:
// a URL inside a JSON string, or JSON escaped inside a JSON string (`\"access_token\":\"…\"`).
const QUOTED_KEY = /(\\?["']?)([A-Za-z][\w-]*)\1\s*[:=]\s*(\\?["'])/g;
const QUERY_PAIR = /(?<![\w-])([A-Za-z][\w-]*)=([^&\s"'<>#,;\\)]+)/g;

function closingQuote(s: string, from: number, quote: string): number {
  if (quote.length > 1) {
    const at = s.indexOf(quote, from);
    return at < 0 ? s.length : at;
  }
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === quote) return i;
  }
  return s.length; // a truncated line: hide the rest rather than leak it
}

function redactQuoted(s: string): string {
  let out = '';
  let from = 0;
  for (const m of s.matchAll(QUOTED_KEY)) {
    if (m.index < from || !isRedactedKey(m[2])) continue;
    const valueStart = m.index + m[0].length;
    out += s.slice(from, valueStart) + REDACTED;
    from = closingQuote(s, valueStart, m[3]);
  }
  return out + s.slice(from);
}

/**
 * Hides sensitive values in free text: query strings (`key=value`), JSON and inspected objects
 * (`"key": "value"`, `key: 'value'`, escaped JSON) and XML elements (`<Key>value</Key>`, CDATA).
 */
export function redactText(s: string): string {
  const xml = s.replace(XML_ELEMENT, (m: string, name: string) =>
    isRedactedKey(name) ? `<${name}>${REDACTED}</${name}>` : m,
  );
  return redactQuoted(xml).replace(QUERY_PAIR, (m: string, key: string) =>
    isRedactedKey(key) ? `${key}=${REDACTED}` : m,
  );
}
