import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SecretBoxError } from './crypto.errors.js';
import { SecretBox } from './secret-box.js';

const KEY = Buffer.alloc(32, 7); // obviously fake
const box = new SecretBox(KEY);
const SECRET = 'refreshtoken@@@fake-value-for-tests';

function openError(sealed: string, with_ = box): SecretBoxError {
  try {
    with_.open(sealed);
  } catch (err) {
    expect(err).toBeInstanceOf(SecretBoxError);
    return err as SecretBoxError;
  }
  throw new Error('expected a SecretBoxError');
}

/** Flips one bit of the base64url part at `index` (1 iv, 2 ciphertext, 3 tag). */
function flip(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[index], 'base64url');
  bytes[0] ^= 1;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('SecretBox', () => {
  it('round-trips, empty and non-ASCII strings included', () => {
    for (const value of [SECRET, '', '密钥 🔑']) expect(box.open(box.seal(value))).toBe(value);
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (value) => box.open(box.seal(value)) === value));
  });

  it('writes v1.<iv>.<ciphertext>.<tag> in base64url with a 12-byte IV and 16-byte tag', () => {
    const [version, iv, ciphertext, tag, ...rest] = box.seal(SECRET).split('.');
    expect(version).toBe('v1');
    expect(rest).toEqual([]);
    expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64url')).toHaveLength(16);
    expect(Buffer.from(ciphertext, 'base64url')).toHaveLength(Buffer.byteLength(SECRET));
    expect(box.seal(SECRET)).not.toContain(SECRET);
  });

  it('uses a fresh IV every time', () => {
    const ivs = new Set(Array.from({ length: 50 }, () => box.seal(SECRET).split('.')[1]));
    expect(ivs.size).toBe(50);
  });

  it('detects tampering with the IV, the ciphertext or the tag', () => {
    const sealed = box.seal(SECRET);
    for (const index of [1, 2, 3]) expect(openError(flip(sealed, index)).reason).toBe('auth_failed');
  });

  it('refuses a value sealed under another key', () => {
    const other = new SecretBox(Buffer.alloc(32, 8));
    const err = openError(other.seal(SECRET));
    expect(err.reason).toBe('auth_failed');
    expect(err.message).not.toContain(SECRET);
  });

  it.each([
    ['a plain string', SECRET],
    ['three parts', 'v1.AAAA.AAAA'],
    ['non-base64url characters', 'v1.AA+A.AAAA.AAAA'],
    ['a short IV', 'v1.AAAA..AAAAAAAAAAAAAAAAAAAAAA'],
  ])('refuses %s as bad format', (_label, sealed) => {
    expect(openError(sealed).reason).toBe('bad_format');
  });

  it('refuses an unknown version prefix', () => {
    const sealed = box.seal(SECRET);
    expect(openError(sealed.replace(/^v1\./, 'v2.')).reason).toBe('unsupported_version');
  });

  it('needs a 32-byte key and keeps its own copy', () => {
    expect(() => new SecretBox(Buffer.alloc(16))).toThrow(SecretBoxError);
    const key = Buffer.alloc(32, 9);
    const mine = new SecretBox(key);
    const sealed = mine.seal(SECRET);
    key.fill(0);
    expect(mine.open(sealed)).toBe(SECRET);
  });
});
