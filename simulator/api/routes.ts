import { componentInfoRoutes } from './component-info-routes.js';
import { componentTokenRoutes } from './component-token-routes.js';
import { directTokenRoutes } from './direct-token-routes.js';
import { optionQuotaRoutes } from './option-quota-routes.js';
import type { ApiRoute } from './route.js';

/** Every path of the API host (the same table serves the api and api2 listeners). */
export function buildApiRoutes(): Map<string, ApiRoute> {
  const all: ApiRoute[] = [...componentTokenRoutes, ...componentInfoRoutes, ...optionQuotaRoutes, ...directTokenRoutes];
  return new Map(all.map((route) => [route.path, route]));
}
