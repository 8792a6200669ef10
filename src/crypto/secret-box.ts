import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SecretBoxError } from './crypto.errors.js';

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Encrypts secrets at rest (refresh tokens, app secrets): AES-256-GCM with a random 12-byte IV,
 * written as `v1.<iv>.<ciphertext>.<tag>` in unpadded base64url. The version prefix is also bound
 * as associated data, so a future format cannot be confused with this one.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
      throw new SecretBoxError('invalid_key', 'SecretBox needs a 32-byte key');
    }
    this.#key = Buffer.from(key); // a copy: the caller may reuse or wipe its buffer
  }

  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(VERSION, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, ciphertext, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  open(sealed: string): string {
    const { iv, ciphertext, tag } = this.split(sealed);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(VERSION, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('auth_failed', 'Sealed value was altered or sealed under another key');
    }
  }

  private split(sealed: string): { iv: Buffer; ciphertext: Buffer; tag: Buffer } {
    const parts = typeof sealed === 'string' ? sealed.split('.') : [];
    if (parts.length !== 4 || !parts.slice(1).every((p) => BASE64URL.test(p))) {
      throw new SecretBoxError('bad_format', 'Sealed value is not in the v1.<iv>.<ciphertext>.<tag> format');
    }
    if (parts[0] !== VERSION) throw new SecretBoxError('unsupported_version', 'Sealed value has an unknown version');
    const [iv, ciphertext, tag] = parts.slice(1).map((p) => Buffer.from(p, 'base64url'));
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new SecretBoxError('bad_format', 'Sealed value has a wrong IV or tag length');
    }
    return { iv, ciphertext, tag };
  }
}
