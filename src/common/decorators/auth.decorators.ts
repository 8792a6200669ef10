import { SetMetadata } from '@nestjs/common';

export const API_SCOPES = ['admin', 'tokens:read', 'proxy', 'accounts:write', 'webhooks'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const PUBLIC_ROUTE = 'wog:public';
export const REQUIRED_SCOPES = 'wog:scopes';

/** No API key: WeChat-facing, browser-facing and operator routes. Everything else needs a key. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** The key must hold one of these scopes (admin holds all). Routes without it require admin. */
export const RequireScopes = (...scopes: ApiScope[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_SCOPES, scopes);
