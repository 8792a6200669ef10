import { describe, expect, it } from '@jest/globals';
import { XmlParseError } from './xml.errors.js';
import { DEFAULT_MAX_XML_BYTES, asArray, parseWechatXml, type ParseWechatXmlOptions } from './xml.js';

function parseError(input: string | Buffer, opts?: ParseWechatXmlOptions): XmlParseError {
  try {
    parseWechatXml(input, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(XmlParseError);
    expect((err as XmlParseError).code).toBe(-40002);
    return err as XmlParseError;
  }
  throw new Error('expected an XmlParseError');
}

describe('parseWechatXml: documented messages', () => {
  it('reads a component_verify_ticket push (doc 3.1)', () => {
    const xml = `<xml>
  <AppId><![CDATA[wx1234567890abcdef]]></AppId>
  <CreateTime>1700000000</CreateTime>
  <InfoType><![CDATA[component_verify_ticket]]></InfoType>
  <ComponentVerifyTicket><![CDATA[ticket@@@Xyz123]]></ComponentVerifyTicket>
</xml>`;
    expect(parseWechatXml(xml)).toEqual({
      AppId: 'wx1234567890abcdef',
      CreateTime: '1700000000',
      InfoType: 'component_verify_ticket',
      ComponentVerifyTicket: 'ticket@@@Xyz123',
    });
  });

  it('reads an authorized push (doc 3.2)', () => {
    const xml = `<xml>
  <AppId><![CDATA[wx1234567890abcdef]]></AppId>
  <CreateTime>1700000100</CreateTime>
  <InfoType><![CDATA[authorized]]></InfoType>
  <AuthorizerAppid><![CDATA[wxaaaaaaaaaaaaaaa1]]></AuthorizerAppid>
  <AuthorizationCode><![CDATA[queryauthcode@@@Abc]]></AuthorizationCode>
  <AuthorizationCodeExpiredTime>1700003700</AuthorizationCodeExpiredTime>
  <PreAuthCode><![CDATA[preauthcode@@@Def]]></PreAuthCode>
</xml>`;
    expect(parseWechatXml(xml)).toMatchObject({
      InfoType: 'authorized',
      AuthorizationCode: 'queryauthcode@@@Abc',
      AuthorizationCodeExpiredTime: '1700003700',
    });
  });

  it('keeps nested elements as objects (doc 3.3, fast registration)', () => {
    const xml = `<xml><InfoType><![CDATA[notify_third_fasteregister]]></InfoType><status>0</status>
      <info><name><![CDATA[Example Co]]></name><code_type>1</code_type></info></xml>`;
    expect(parseWechatXml(xml)).toEqual({
      InfoType: 'notify_third_fasteregister',
      status: '0',
      info: { name: 'Example Co', code_type: '1' },
    });
  });

  it('reads a text message and keeps the 64-bit MsgId exact (doc 6.2)', () => {
    const xml = `<xml>
  <ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>
  <FromUserName><![CDATA[oUSER123]]></FromUserName>
  <CreateTime>1700000050</CreateTime>
  <MsgType><![CDATA[text]]></MsgType>
  <Content><![CDATA[hi]]></Content>
  <MsgId>24000000000000001</MsgId>
</xml>`;
    const fields = parseWechatXml(xml);
    expect(fields.MsgId).toBe('24000000000000001');
    expect(String(Number('24000000000000001'))).not.toBe('24000000000000001'); // why it must stay a string
    expect(fields).toMatchObject({ MsgType: 'text', Content: 'hi', CreateTime: '1700000050' });
  });

  it('reads a subscribe event (doc 6.2)', () => {
    const xml =
      '<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[oUSER123]]></FromUserName>' +
      '<CreateTime>1700000060</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>' +
      '<EventKey><![CDATA[qrscene_42]]></EventKey><Ticket><![CDATA[gQH47joAAAAAAAAAASxodHRw]]></Ticket></xml>';
    expect(parseWechatXml(xml)).toMatchObject({ Event: 'subscribe', EventKey: 'qrscene_42' });
  });

  it('reads encrypted envelopes (doc 2.3)', () => {
    const push =
      '<xml>\n  <ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>\n  <Encrypt><![CDATA[ab+/cd==]]></Encrypt>\n</xml>';
    expect(parseWechatXml(push)).toEqual({ ToUserName: 'gh_0123456789ab', Encrypt: 'ab+/cd==' });
    const reply =
      '<xml><Encrypt><![CDATA[QUJD]]></Encrypt><MsgSignature><![CDATA[32cd0c00e17c2accd99da897afc49e94ccdc1b85]]>' +
      '</MsgSignature><TimeStamp>1700000001</TimeStamp><Nonce><![CDATA[987654321]]></Nonce></xml>';
    expect(parseWechatXml(reply)).toEqual({
      Encrypt: 'QUJD',
      MsgSignature: '32cd0c00e17c2accd99da897afc49e94ccdc1b85',
      TimeStamp: '1700000001',
      Nonce: '987654321',
    });
  });

  it('returns <item> lists as arrays even with one entry, and repeated elements as arrays', () => {
    const one = parseWechatXml('<xml><Articles><item><Title><![CDATA[a]]></Title></item></Articles></xml>');
    expect(one).toEqual({ Articles: { item: [{ Title: 'a' }] } });
    const many = parseWechatXml('<xml><Tag>1</Tag><Tag>2</Tag><Other/></xml>');
    expect(many).toEqual({ Tag: ['1', '2'], Other: '' });
    expect(asArray(many.Tag)).toEqual(['1', '2']);
    expect(asArray('1')).toEqual(['1']);
    expect(asArray(undefined)).toEqual([]);
  });

  it('keeps CDATA whitespace and markup, merges split CDATA, trims bare text', () => {
    const xml = '<xml><A><![CDATA[ <b>x</b> ]]></A><B><![CDATA[x]]]]><![CDATA[>y]]></B><C>  7  </C></xml>';
    expect(parseWechatXml(xml)).toEqual({ A: ' <b>x</b> ', B: 'x]]>y', C: '7' });
  });

  it('accepts a Buffer, an XML declaration and a byte-order mark', () => {
    const body = Buffer.from(
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?><xml><Content><![CDATA[你好]]></Content></xml>',
    );
    expect(parseWechatXml(body)).toEqual({ Content: '你好' });
    expect(parseWechatXml('<xml></xml>')).toEqual({});
  });
});

describe('parseWechatXml: hostile or broken input', () => {
  it.each([
    ['a DOCTYPE', '<!DOCTYPE xml [<!ENTITY e "x">]><xml><A>&e;</A></xml>'],
    ['an external entity', '<?xml version="1.0"?><!DOCTYPE xml SYSTEM "file:///etc/passwd"><xml/>'],
    ['a lower-case doctype', '<!doctype xml><xml/>'],
    ['a stray ENTITY', '<xml><!ENTITY e "x"></xml>'],
    ['a DOCTYPE inside an element', '<xml><A><!DOCTYPE x></A></xml>'],
    ['a DOCTYPE after a comment', '<!-- hi --><!DOCTYPE xml><xml/>'],
    ['a DOCTYPE between fake CDATA in comments', '<!--<![CDATA[--><!DOCTYPE xml><!--]]>--><xml/>'],
    ['a DOCTYPE after an unterminated CDATA', '<xml><A><![CDATA[x <!DOCTYPE y></A></xml>'],
  ])('refuses %s', (_label, xml) => {
    expect(parseError(xml).reason).toBe('doctype_forbidden');
  });

  it('accepts DOCTYPE and ENTITY text inside CDATA (a user may send it)', () => {
    const xml = '<xml><Content><![CDATA[<!DOCTYPE html><!ENTITY x "y">]]></Content><!-- <!doctype --></xml>';
    expect(parseWechatXml(xml)).toEqual({ Content: '<!DOCTYPE html><!ENTITY x "y">' });
  });

  it('reports a missing body as malformed rather than crashing', () => {
    expect(parseError(undefined as unknown as string).reason).toBe('malformed');
  });

  it('does not expand entity references', () => {
    expect(parseWechatXml('<xml><A>&amp;lt;</A></xml>')).toEqual({ A: '&amp;lt;' });
  });

  it('refuses input over the size limit, counted in UTF-8 bytes', () => {
    const big = `<xml><A><![CDATA[${'x'.repeat(DEFAULT_MAX_XML_BYTES)}]]></A></xml>`;
    expect(parseError(big).reason).toBe('too_large');
    expect(parseError('<xml><A>你好</A></xml>', { maxBytes: 20 }).reason).toBe('too_large');
    expect(parseWechatXml('<xml><A>ab</A></xml>', { maxBytes: 20 })).toEqual({ A: 'ab' });
  });

  it('refuses nesting deeper than maxDepth', () => {
    const nest = (depth: number) => '<a>'.repeat(depth) + 'x' + '</a>'.repeat(depth);
    expect(parseWechatXml(`<xml>${nest(3)}</xml>`, { maxDepth: 4 })).toEqual({ a: { a: { a: 'x' } } });
    expect(parseError(`<xml>${nest(4)}</xml>`, { maxDepth: 4 }).reason).toBe('too_deep');
    expect(parseError(`<xml>${nest(100)}</xml>`).reason).toBe('too_deep');
  });

  it.each([
    ['mismatched tags', '<xml><A>1</B></xml>'],
    ['an unclosed root', '<xml><A>1</A>'],
    ['two roots', '<xml><A>1</A></xml><xml><A>2</A></xml>'],
    ['a bare ampersand', '<xml><A>a & b</A></xml>'],
    ['garbage', 'success'],
    ['nothing', ''],
    ['a prototype-polluting name', '<xml><__proto__><x>1</x></__proto__></xml>'],
  ])('refuses %s', (_label, xml) => {
    expect(parseError(xml).reason).toBe('malformed');
  });

  it('requires an <xml> root', () => {
    expect(parseError('<root><A>1</A></root>').reason).toBe('missing_root');
  });

  it('refuses text mixed with elements', () => {
    expect(parseError('<xml>text</xml>').reason).toBe('mixed_content');
    expect(parseError('<xml><A>1</A>tail</xml>').reason).toBe('mixed_content');
    expect(parseError('<xml><A><B>1</B>tail</A></xml>').reason).toBe('mixed_content');
  });

  it('refuses a body that is not UTF-8', () => {
    expect(parseError(Buffer.from([0x3c, 0x78, 0x6d, 0x6c, 0x3e, 0xff, 0x3c, 0x2f])).reason).toBe('invalid_utf8');
  });

  it('never quotes the input in its messages', () => {
    const err = parseError('<xml><Secret>hunter2</Oops></xml>');
    expect(err.message).not.toContain('hunter2');
    expect(err.message).not.toContain('Secret');
  });
});
