export type XmlValue = string | number | XmlFields;
export interface XmlFields {
  [name: string]: XmlValue | undefined;
}

/** 64-bit ids do not fit a JS number: digit strings of these names are written bare like numbers. */
const NUMERIC_NAMES = new Set(['MsgId', 'MsgID', 'CreateTime', 'AuthorizationCodeExpiredTime']);

/** WeChat's shape: text in CDATA, numbers bare, nested objects as child elements. */
export function buildXml(fields: XmlFields, root = 'xml'): string {
  const inner = Object.entries(fields)
    .filter((entry): entry is [string, XmlValue] => entry[1] !== undefined)
    .map(([name, value]) => {
      if (typeof value === 'number' || (NUMERIC_NAMES.has(name) && /^\d+$/.test(String(value)))) {
        return `<${name}>${value}</${name}>`;
      }
      if (typeof value === 'string') return `<${name}><![CDATA[${value}]]></${name}>`;
      return buildXml(value, name);
    })
    .join('');
  return `<${root}>${inner}</${root}>`;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (_m, name: string) => ENTITIES[name]);
}

/**
 * Parses WeChat's XML into leaf name → text. Nested elements are flattened (their leaves appear by
 * name), which is all that envelopes, pushes and passive replies need. Returns undefined when the
 * text is not an `<xml>` document.
 */
export function parseXml(text: string): Record<string, string> | undefined {
  const trimmed = text.trim();
  if (!/^<xml>[\s\S]*<\/xml>$/.test(trimmed)) return undefined;
  const out: Record<string, string> = {};
  const leaf = /<([A-Za-z_][\w.-]*)>\s*(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))\s*<\/\1>/g;
  for (const match of trimmed.matchAll(leaf)) {
    out[match[1]] = match[2] ?? decodeEntities(match[3] ?? '');
  }
  return out;
}
