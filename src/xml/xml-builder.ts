import { XmlBuildError } from './xml.errors.js';

export type XmlScalar = string | number;
/** A string becomes CDATA, a number bare text, an object child elements, an array repeated elements. */
export type XmlValue = XmlScalar | XmlFields | readonly XmlValue[];
/** Child elements by name, in insertion order. `undefined` fields are left out (optional fields). */
export interface XmlFields {
  readonly [name: string]: XmlValue | undefined;
}

const MAX_BUILD_DEPTH = 32;
// Conservative XML names: WeChat only uses ASCII element names.
const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
// Characters XML 1.0 cannot carry at all, not even in CDATA (controls, lone surrogates, U+FFFE/F).
const ILLEGAL_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Writes `<xml>…</xml>` on one line, the shape WeChat's own samples produce. */
export function buildXml(fields: XmlFields): string {
  return `<xml>${writeChildren(fields, 1)}</xml>`;
}

/**
 * A CDATA section for any string. `]]>` cannot appear inside one, so it is split across two
 * sections (`]]` ends the first, `>` starts the next); parsers merge them back into one text.
 */
export function cdata(value: string): string {
  if (ILLEGAL_XML_CHAR.test(value)) {
    throw new XmlBuildError('invalid_char', 'Value contains a character XML 1.0 cannot represent');
  }
  return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function writeChildren(fields: XmlFields, depth: number): string {
  if (depth > MAX_BUILD_DEPTH) throw new XmlBuildError('too_deep', 'XML value nests too deeply');
  let out = '';
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (!ELEMENT_NAME.test(name)) {
      throw new XmlBuildError('invalid_name', `Invalid XML element name ${JSON.stringify(name.slice(0, 64))}`);
    }
    if (isList(value)) {
      for (const item of value) {
        if (isList(item)) throw new XmlBuildError('invalid_value', `Nested array in <${name}>`);
        out += writeElement(name, item, depth);
      }
    } else {
      out += writeElement(name, value, depth);
    }
  }
  return out;
}

// Array.isArray does not narrow readonly arrays out of a union.
function isList(value: XmlValue): value is readonly XmlValue[] {
  return Array.isArray(value);
}

function writeElement(name: string, value: XmlScalar | XmlFields, depth: number): string {
  if (typeof value === 'string') return `<${name}>${cdata(value)}</${name}>`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new XmlBuildError('invalid_number', `<${name}> is not a finite number`);
    return `<${name}>${String(value)}</${name}>`;
  }
  if (typeof value === 'object' && value !== null) return `<${name}>${writeChildren(value, depth + 1)}</${name}>`;
  throw new XmlBuildError('invalid_value', `<${name}> has an unsupported value type`);
}
