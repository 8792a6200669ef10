/** Codes of WeChat's WXBizMsgCrypt sample library, so logs read the same as for crypto failures. */
export const XmlErrorCode = {
  ParseXml: -40002,
  GenReturnXml: -40011,
} as const;

export type XmlParseFailure =
  | 'too_large'
  | 'invalid_utf8'
  | 'doctype_forbidden'
  | 'malformed'
  | 'too_deep'
  | 'missing_root'
  | 'mixed_content'
  | 'missing_encrypt';

export type XmlBuildFailure = 'invalid_name' | 'invalid_char' | 'invalid_number' | 'invalid_value' | 'too_deep';

/** Incoming XML rejected. The message never quotes the input: it may hold user content. */
export class XmlParseError extends Error {
  readonly code = XmlErrorCode.ParseXml;

  constructor(
    readonly reason: XmlParseFailure,
    message: string,
  ) {
    super(message);
    this.name = 'XmlParseError';
  }
}

/** Outgoing XML could not be written (a programming error or a value XML 1.0 cannot carry). */
export class XmlBuildError extends Error {
  readonly code = XmlErrorCode.GenReturnXml;

  constructor(
    readonly reason: XmlBuildFailure,
    message: string,
  ) {
    super(message);
    this.name = 'XmlBuildError';
  }
}
