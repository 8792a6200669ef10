import { XmlBuildError, XmlParseError } from './xml.errors.js';
import { cdata } from './xml-builder.js';
import { parseWechatXml, type ParseWechatXmlOptions } from './xml.js';

/** The encrypted passive reply (WXBizMsgCrypt doc, "encrypted reply"). */
export interface EncryptedReplyEnvelope {
  encrypt: string;
  msgSignature: string;
  timestamp: string;
  nonce: string;
}

/** Any encrypted envelope: pushes carry AppId or ToUserName, replies MsgSignature/TimeStamp/Nonce. */
export interface ParsedEnvelope {
  encrypt: string;
  appId?: string;
  toUserName?: string;
  msgSignature?: string;
  timestamp?: string;
  nonce?: string;
}

const DIGITS = /^[0-9]{1,20}$/;

/**
 * `<xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>`. TimeStamp is bare text like WeChat's
 * sample writes it, and exactly the string that was signed (no number round trip).
 */
export function buildEncryptedEnvelope(envelope: EncryptedReplyEnvelope): string {
  if (!DIGITS.test(envelope.timestamp)) {
    throw new XmlBuildError('invalid_number', 'TimeStamp must be decimal digits');
  }
  return (
    `<xml><Encrypt>${cdata(envelope.encrypt)}</Encrypt>` +
    `<MsgSignature>${cdata(envelope.msgSignature)}</MsgSignature>` +
    `<TimeStamp>${envelope.timestamp}</TimeStamp>` +
    `<Nonce>${cdata(envelope.nonce)}</Nonce></xml>`
  );
}

/** Reads an encrypted envelope; the Encrypt text is returned untouched, as msg_signature covers it. */
export function parseEnvelope(input: string | Buffer, opts?: ParseWechatXmlOptions): ParsedEnvelope {
  const fields = parseWechatXml(input, opts);
  const encrypt = fields.Encrypt;
  if (typeof encrypt !== 'string' || encrypt === '') {
    throw new XmlParseError('missing_encrypt', 'Envelope has no <Encrypt> text');
  }
  return {
    encrypt,
    appId: stringField(fields.AppId),
    toUserName: stringField(fields.ToUserName),
    msgSignature: stringField(fields.MsgSignature),
    timestamp: stringField(fields.TimeStamp),
    nonce: stringField(fields.Nonce),
  };
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
