import { describe, expect, it } from '@jest/globals';
import { isRedirectAllowed } from './redirect-allow-list.js';

describe('isRedirectAllowed', () => {
  const list = ['https://app.example.com', 'https://shop.example.com/wechat/', 'https://crm.example.com/cb'];

  it('an origin entry allows any path on exactly that origin', () => {
    expect(isRedirectAllowed('https://app.example.com/any/path?x=1#f', list)).toBe(true);
    expect(isRedirectAllowed('https://app.example.com', list)).toBe(true);
    expect(isRedirectAllowed('http://app.example.com/', list)).toBe(false); // other scheme
    expect(isRedirectAllowed('https://app.example.com:8443/', list)).toBe(false); // other port
    expect(isRedirectAllowed('https://app.example.com.evil.test/', list)).toBe(false);
    expect(isRedirectAllowed('https://evil.test/?https://app.example.com', list)).toBe(false);
  });

  it('a prefix entry allows only URLs under it', () => {
    expect(isRedirectAllowed('https://shop.example.com/wechat/done?s=1', list)).toBe(true);
    expect(isRedirectAllowed('https://shop.example.com/other', list)).toBe(false);
    expect(isRedirectAllowed('https://shop.example.com/wechat/../admin', list)).toBe(false); // normalised first
    expect(isRedirectAllowed('https://crm.example.com/cb', list)).toBe(true);
    expect(isRedirectAllowed('https://crm.example.com/cb/next?x=1', list)).toBe(true);
    expect(isRedirectAllowed('https://crm.example.com/cb-evil', list)).toBe(false); // segment boundary
  });

  it('rejects junk, other schemes and credentials', () => {
    expect(isRedirectAllowed('not a url', list)).toBe(false);
    expect(isRedirectAllowed('javascript:alert(1)//https://app.example.com', list)).toBe(false);
    expect(isRedirectAllowed('https://user:pw@app.example.com/', list)).toBe(false);
    expect(isRedirectAllowed('https://app.example.com/', [])).toBe(false);
  });
});
