import { BadInputError } from '../common/errors/app-errors.js';

/** A redirect target outside AUTH_REDIRECT_ALLOWLIST: 400 naming the field. */
export class RedirectNotAllowedError extends BadInputError {
  constructor(field: 'redirect_uri' | 'return_to') {
    super(`${field}: not on the allow-list of redirect targets (AUTH_REDIRECT_ALLOWLIST: an origin or URL prefix)`);
  }
}
