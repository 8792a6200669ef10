import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppError } from '../common/errors/app-errors.js';
import { PUBLIC_ROUTE, REQUIRED_SCOPES, type ApiScope } from '../common/decorators/auth.decorators.js';
import { hasScope, mayActOn, type ApiKeyPrincipal } from './api-key.principal.js';
import { ApiKeyService } from './api-key.service.js';

export type AuthenticatedRequest = Request & { principal?: ApiKeyPrincipal };

/**
 * Global guard, deny by default: every route needs `Authorization: Bearer <key>` unless marked
 * @Public(). 401 for a missing or unknown key, 403 for a missing scope or an appid outside the
 * key's allow-list (checked on every route with an `:appid` parameter).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const presented = bearer(req.headers.authorization);
    if (!presented) throw new AppError(HttpStatus.UNAUTHORIZED, 'an API key is required: Authorization: Bearer <key>');
    const principal = await this.keys.verify(presented);
    if (!principal) throw new AppError(HttpStatus.UNAUTHORIZED, 'the API key is not valid or has been revoked');
    const needed = this.reflector.getAllAndOverride<ApiScope[]>(REQUIRED_SCOPES, targets) ?? ['admin'];
    if (!hasScope(principal, needed)) {
      throw new AppError(HttpStatus.FORBIDDEN, `this API key lacks the scope: ${needed.join(' or ')}`);
    }
    const appid = req.params?.appid;
    if (typeof appid === 'string' && !mayActOn(principal, appid)) {
      throw new AppError(HttpStatus.FORBIDDEN, `this API key may not act on appid ${appid}`);
    }
    req.principal = principal;
    return true;
  }
}

function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}
