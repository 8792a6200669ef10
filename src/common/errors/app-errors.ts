import { HttpStatus } from '@nestjs/common';

/**
 * Errors the domain throws; the global filter turns them into the contract's JSON shape. Services
 * throw these instead of Nest's HttpExceptions so they stay usable outside HTTP (schedulers).
 */
export class AppError extends Error {
  constructor(
    readonly status: HttpStatus,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(HttpStatus.NOT_FOUND, message);
  }
}

export class BadInputError extends AppError {
  constructor(message: string) {
    super(HttpStatus.BAD_REQUEST, message);
  }
}

/** A dependency we need is not there yet (no ticket, component not configured): 503 with the reason. */
export class UnavailableError extends AppError {
  constructor(message: string) {
    super(HttpStatus.SERVICE_UNAVAILABLE, message);
  }
}
