import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/errors/app-errors.js';
import type { MessageOutcome } from './message.types.js';

/**
 * A push to the message URL that is not from WeChat (bad signature, wrong appid trailer) or not
 * readable: answered 4xx at once, nothing dispatched or stored. The message never quotes the body.
 */
export class RejectedMessageError extends AppError {
  constructor(
    readonly outcome: Extract<MessageOutcome, 'rejected_signature' | 'rejected_malformed'>,
    reason: string,
    status: HttpStatus = outcome === 'rejected_signature' ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST,
  ) {
    super(status, reason);
  }
}
