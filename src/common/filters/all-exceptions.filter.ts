import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { AppError } from '../errors/app-errors.js';
import type { ErrorResponseDto } from '../errors/error-response.dto.js';

/** Extra mappers registered by modules (e.g. WeChat API errors), tried before the generic rules. */
export type ErrorMapper = (err: unknown) => ErrorResponseDto | undefined;

/**
 * Every error leaves as `{ statusCode, error, message }` (+ errcode/errmsg). Unknown errors are
 * logged and answered 500 without their text, which could carry a secret.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly mappers: ErrorMapper[] = []) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(err);
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(body.statusCode).json(body);
  }

  /** The contract's error body for any error (also used by routes served outside Nest's pipeline). */
  toBody(err: unknown): ErrorResponseDto {
    for (const map of this.mappers) {
      const mapped = map(err);
      if (mapped) return mapped;
    }
    if (err instanceof AppError) return errorBody(err.status, err.message);
    if (err instanceof HttpException)
      return { ...errorBody(err.getStatus(), httpExceptionMessage(err)), ...healthDetails(err) };
    this.logger.error({ err: { name: (err as Error)?.name, stack: (err as Error)?.stack } }, 'unhandled error');
    return errorBody(HttpStatus.INTERNAL_SERVER_ERROR, 'internal error');
  }
}

export function errorBody(
  status: number,
  message: string,
  extra?: Pick<ErrorResponseDto, 'errcode' | 'errmsg'>,
): ErrorResponseDto {
  return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, ...extra };
}

/**
 * A failed readiness check (terminus) keeps its per-check details next to the error shape, so an
 * operator sees which check is down and why.
 */
function healthDetails(err: HttpException): Record<string, unknown> {
  const response = err.getResponse();
  if (typeof response !== 'object' || response === null || !('details' in response)) return {};
  // terminus' own `error` map would clash with the contract's `error` text; `details` holds every check.
  const { status, details } = response as Record<string, unknown>;
  return { status, details };
}

function httpExceptionMessage(err: HttpException): string {
  const response = err.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string') return message;
  const failed = (response as { error?: unknown }).error;
  if (failed && typeof failed === 'object') return `not ready: ${Object.keys(failed).join(', ')}`;
  return err.message;
}
