import { redactUrl } from './redact.js';

/**
 * A caller passed a path that could leave the configured WeChat hosts (or smuggle a query string).
 * Raised before any network call.
 */
export class WechatPathError extends Error {
  readonly path: string;

  constructor(path: string, reason: string) {
    const shown = JSON.stringify(redactUrl(path).slice(0, 200));
    super(`refusing WeChat path ${shown}: ${reason}`);
    this.name = 'WechatPathError';
    this.path = redactUrl(path);
  }
}
