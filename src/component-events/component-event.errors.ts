import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/errors/app-errors.js';

/** A push that is not from WeChat (bad signature, wrong appid) or not readable: 4xx, nothing stored. */
export class InauthenticPushError extends AppError {
  constructor(reason: string, status: HttpStatus = HttpStatus.UNAUTHORIZED) {
    super(status, reason);
  }
}
