import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * WXBizMsgCrypt written from the protocol description (§2), independently of the gateway's
 * src/crypto, so that a bug on one side is caught by the other in cross-check.spec.ts.
 */
export interface MsgCryptConfig {
  token: string;
  encodingAesKey: string;
  appId: string;
}

/** Library codes of WeChat's sample code (§2.4); never sent over the wire. */
export class MsgCryptError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

const BLOCK = 32; // WeChat pads to 32 bytes, not AES's 16

export function sha1Sorted(parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

export class SimMsgCrypt {
  private readonly key: Buffer;

  constructor(private readonly config: MsgCryptConfig) {
    if (!/^[A-Za-z0-9]{43}$/.test(config.encodingAesKey)) {
      throw new MsgCryptError(-40004, 'EncodingAESKey must be 43 characters of [A-Za-z0-9]');
    }
    this.key = Buffer.from(`${config.encodingAesKey}=`, 'base64');
  }

  get appId(): string {
    return this.config.appId;
  }

  /** `signature` query parameter: sha1 over the sorted Token, timestamp and nonce. */
  signature(timestamp: string, nonce: string): string {
    return sha1Sorted([this.config.token, timestamp, nonce]);
  }

  /** `msg_signature` / `MsgSignature`: also covers the Encrypt text. */
  msgSignature(timestamp: string, nonce: string, encrypt: string): string {
    return sha1Sorted([this.config.token, timestamp, nonce, encrypt]);
  }

  encrypt(message: string, random: Buffer | string = randomBytes(16)): string {
    const prefix = typeof random === 'string' ? Buffer.from(random, 'latin1') : random;
    if (prefix.length !== 16) throw new MsgCryptError(-40006, 'random prefix must be 16 bytes');
    const body = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const plain = Buffer.concat([prefix, length, body, Buffer.from(this.config.appId, 'utf8')]);
    const pad = BLOCK - (plain.length % BLOCK);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16)).setAutoPadding(false);
    return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString(
      'base64',
    );
  }

  decrypt(encrypt: string): { message: string; appId: string } {
    const plain = this.decryptRaw(encrypt);
    const pad = plain[plain.length - 1];
    if (pad < 1 || pad > BLOCK || pad > plain.length) throw new MsgCryptError(-40008, 'bad padding');
    const unpadded = plain.subarray(0, plain.length - pad);
    if (unpadded.length < 20) throw new MsgCryptError(-40008, 'buffer too short');
    const length = unpadded.readUInt32BE(16);
    if (20 + length > unpadded.length) throw new MsgCryptError(-40008, 'length field beyond buffer');
    const message = unpadded.subarray(20, 20 + length).toString('utf8');
    const appId = unpadded.subarray(20 + length).toString('utf8');
    if (appId !== this.config.appId) {
      throw new MsgCryptError(-40005, `appid trailer "${appId}" is not "${this.config.appId}"`);
    }
    return { message, appId };
  }

  private decryptRaw(encrypt: string): Buffer {
    const data = Buffer.from(encrypt, 'base64');
    if (data.length === 0 || data.length % 16 !== 0) throw new MsgCryptError(-40010, 'Encrypt is not valid base64');
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16)).setAutoPadding(false);
      return Buffer.concat([decipher.update(data), decipher.final()]);
    } catch (err) {
      throw new MsgCryptError(-40007, (err as Error).message);
    }
  }
}
