import { UnavailableError } from '../common/errors/app-errors.js';

/** The WECHAT_COMPONENT_* variables are not set: every component feature answers 503. */
export class ComponentNotConfiguredError extends UnavailableError {
  constructor() {
    super(
      'component not configured: set WECHAT_COMPONENT_APP_ID, WECHAT_COMPONENT_APP_SECRET, ' +
        'WECHAT_COMPONENT_TOKEN and WECHAT_COMPONENT_AES_KEY',
    );
  }
}
