import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/errors/app-errors.js';

/**
 * The owner revoked the authorization (or it never stood): no token is served or refreshed
 * (pitfall 14). 409, not 403: 403 means "your API key may not do this", this is the account's state.
 */
export class AccountNotAuthorizedError extends AppError {
  constructor(readonly appid: string) {
    super(
      HttpStatus.CONFLICT,
      `account ${appid} is not authorized: its owner revoked the authorization; it must authorize again`,
    );
  }
}

/** WeChat rejected the refresh token (61023) and neither authorizer_info nor the list had a usable one. */
export class AccountNeedsReauthorizationError extends AppError {
  constructor(readonly appid: string) {
    super(
      HttpStatus.CONFLICT,
      `account ${appid} needs re-authorization: WeChat rejected its refresh token (61023) and it could not be ` +
        'recovered from api_get_authorizer_info or api_get_authorizer_list; its owner must authorize again',
    );
  }
}

/** POST /api/accounts for an appid that is managed through the third-party platform. */
export class AccountConflictError extends AppError {
  constructor(message: string) {
    super(HttpStatus.CONFLICT, message);
  }
}
