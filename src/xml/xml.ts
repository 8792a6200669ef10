import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { XmlParseError } from './xml.errors.js';

export { buildXml, cdata, type XmlFields, type XmlScalar, type XmlValue } from './xml-builder.js';

export interface ParseWechatXmlOptions {
  /** Largest accepted input in bytes (UTF-8). Default 1 MiB; WeChat pushes are a few KiB. */
  maxBytes?: number;
  /** Deepest element nesting, `<xml>` included. Default 32; WeChat's deepest (SendPicsInfo) is 5. */
  maxDepth?: number;
  /**
   * Elements always returned as arrays, even when they occur once. Default `['item']`: in WeChat XML
   * `<item>` is always a list entry (news Articles, SendPicsInfo PicList, ...).
   */
  arrayTags?: readonly string[];
}

export const DEFAULT_MAX_XML_BYTES = 1024 * 1024;
export const DEFAULT_MAX_XML_DEPTH = 32;
const DEFAULT_ARRAY_TAGS: readonly string[] = ['item'];
const TEXT_NODE = '#text';
const FORBIDDEN_DECLARATION = /<!(?:DOCTYPE|ENTITY)/i;
const CDATA_OPEN = '<![CDATA[';
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a WeChat push or reply body and returns the children of the `<xml>` root. Scalars stay
 * strings (MsgId is a 64-bit integer: a number would lose precision), CDATA is merged into the text,
 * attributes are ignored, repeated elements become arrays. Entity references in bare text are left
 * as written: WeChat wraps every string in CDATA, and entity processing is where XXE and
 * entity-expansion attacks live, so DOCTYPE and ENTITY declarations are refused outright (but not
 * inside CDATA: a user may well send "<!DOCTYPE html>" as a text message).
 */
export function parseWechatXml(input: string | Buffer, opts: ParseWechatXmlOptions = {}): Record<string, unknown> {
  const text = decodeInput(input, opts.maxBytes ?? DEFAULT_MAX_XML_BYTES);
  if (hasMarkupDeclaration(text)) {
    throw new XmlParseError('doctype_forbidden', 'XML with a DOCTYPE or ENTITY declaration is refused');
  }
  // The parser itself accepts mismatched or unclosed tags; the validator does not.
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { line, col } = validation.err;
    throw new XmlParseError('malformed', `XML is not well-formed (line ${line}, column ${col})`);
  }
  const document = runParser(text, opts);
  const keys = Object.keys(document);
  if (keys.length !== 1 || keys[0] !== 'xml') {
    throw new XmlParseError('missing_root', 'XML root element must be <xml>');
  }
  const root = document.xml;
  if (root === '') return {};
  if (!isRecord(root)) throw new XmlParseError('mixed_content', '<xml> must contain elements, not text');
  assertNoMixedContent(root);
  return root;
}

function decodeInput(input: string | Buffer, maxBytes: number): string {
  // A route that did not capture the raw body hands over undefined or a parsed object.
  if (typeof input !== 'string' && !Buffer.isBuffer(input)) {
    throw new XmlParseError('malformed', 'XML body is missing');
  }
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > maxBytes) throw new XmlParseError('too_large', `XML body exceeds ${maxBytes} bytes`);
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  try {
    return utf8.decode(input); // also drops a leading BOM
  } catch {
    throw new XmlParseError('invalid_utf8', 'XML body is not valid UTF-8');
  }
}

/**
 * Looks for `<!DOCTYPE`/`<!ENTITY` outside CDATA sections and comments, scanning them the way the
 * parser does, so that neither can hide a declaration from this check.
 */
function hasMarkupDeclaration(text: string): boolean {
  let at = text.indexOf('<!');
  while (at !== -1) {
    const close = text.startsWith(CDATA_OPEN, at) ? ']]>' : text.startsWith('<!--', at) ? '-->' : undefined;
    if (close === undefined) {
      if (FORBIDDEN_DECLARATION.test(text.slice(at, at + 9))) return true;
      at = text.indexOf('<!', at + 2);
      continue;
    }
    const end = text.indexOf(close, at + (close === ']]>' ? CDATA_OPEN.length : 4));
    if (end === -1) return FORBIDDEN_DECLARATION.test(text.slice(at)); // unterminated: be conservative
    at = text.indexOf('<!', end + close.length);
  }
  return false;
}

function runParser(text: string, opts: ParseWechatXmlOptions): Record<string, unknown> {
  const arrayTags = new Set(opts.arrayTags ?? DEFAULT_ARRAY_TAGS);
  const parser = new XMLParser({
    processEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreAttributes: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    cdataPropName: false,
    textNodeName: TEXT_NODE,
    // The parser lets through one level more than maxNestedTags (it counts open ancestors).
    maxNestedTags: Math.max(0, (opts.maxDepth ?? DEFAULT_MAX_XML_DEPTH) - 1),
    isArray: (name, _path, _isLeaf, isAttribute) => !isAttribute && arrayTags.has(name),
  });
  try {
    const parsed: unknown = parser.parse(text);
    return isRecord(parsed) ? parsed : {};
  } catch (err) {
    // The parser reports every failure as a plain Error; the nesting guard is the one we name.
    const tooDeep = err instanceof Error && /nested tags/i.test(err.message);
    throw tooDeep
      ? new XmlParseError('too_deep', 'XML nesting is too deep')
      : new XmlParseError('malformed', 'XML could not be parsed');
  }
}

function assertNoMixedContent(node: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(node)) {
    if (key === TEXT_NODE) throw new XmlParseError('mixed_content', 'XML element mixes text and elements');
    for (const child of Array.isArray(value) ? value : [value]) {
      if (isRecord(child)) assertNoMixedContent(child);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A list element (`<Articles><item>`) may come as one object or an array; this always gives an array. */
export function asArray<T>(value: T | readonly T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
}
