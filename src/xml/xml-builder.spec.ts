import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { XmlBuildError } from './xml.errors.js';
import { buildXml, cdata, parseWechatXml, type XmlFields } from './xml.js';

function buildError(fields: XmlFields): XmlBuildError {
  try {
    buildXml(fields);
  } catch (err) {
    expect(err).toBeInstanceOf(XmlBuildError);
    expect((err as XmlBuildError).code).toBe(-40011);
    return err as XmlBuildError;
  }
  throw new Error('expected an XmlBuildError');
}

describe('buildXml', () => {
  it('writes strings as CDATA, numbers bare, objects nested, arrays repeated, undefined not at all', () => {
    const xml = buildXml({
      ToUserName: 'oUSER123',
      CreateTime: 1700000051,
      Skipped: undefined,
      Articles: { item: [{ Title: 'a' }, { Title: 'b', Url: undefined }] },
    });
    expect(xml).toBe(
      '<xml><ToUserName><![CDATA[oUSER123]]></ToUserName><CreateTime>1700000051</CreateTime>' +
        '<Articles><item><Title><![CDATA[a]]></Title></item><item><Title><![CDATA[b]]></Title></item></Articles></xml>',
    );
  });

  it('splits ]]> across CDATA sections so the value survives', () => {
    expect(cdata('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
    const tricky = ']]>]]]>>]]><![CDATA[<xml></xml>]]';
    expect(parseWechatXml(buildXml({ Content: tricky }))).toEqual({ Content: tricky });
  });

  it('round-trips any printable text, however many ]]> it holds (property)', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom(']]>', ']]', ']', '>', '<![CDATA[', '&amp;'),
    );
    const text = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, (content, title) => {
        const fields = { Content: content, Nested: { Title: title } };
        expect(parseWechatXml(buildXml(fields))).toEqual(fields);
      }),
    );
  });

  it('keeps empty and space-only strings', () => {
    expect(parseWechatXml(buildXml({ A: '', B: '  ' }))).toEqual({ A: '', B: '  ' });
  });

  it.each([
    ['a space', { 'Bad Name': 'x' }],
    ['markup', { 'A><B': 'x' }],
    ['an empty name', { '': 'x' }],
    ['a leading digit', { '1A': 'x' }],
  ])('refuses an element name with %s', (_label, fields) => {
    expect(buildError(fields).reason).toBe('invalid_name');
  });

  it('refuses characters XML 1.0 cannot carry', () => {
    expect(buildError({ A: 'bell\u0007' }).reason).toBe('invalid_char');
    expect(buildError({ A: 'lone \uD800 surrogate' }).reason).toBe('invalid_char');
    expect(parseWechatXml(buildXml({ A: 'tab\tand 😀' }))).toEqual({ A: 'tab\tand 😀' });
  });

  it('refuses non-finite numbers, nested arrays and cycles', () => {
    expect(buildError({ A: Number.NaN }).reason).toBe('invalid_number');
    expect(buildError({ A: Number.POSITIVE_INFINITY }).reason).toBe('invalid_number');
    expect(buildError({ A: [['x']] }).reason).toBe('invalid_value');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(buildError(cyclic as XmlFields).reason).toBe('too_deep');
  });
});
