import { componentInfoRoutes } from './component-info-routes.js';
import { componentTokenRoutes } from './component-token-routes.js';
import { directTokenRoutes } from './direct-token-routes.js';
import { optionQuotaRoutes } from './option-quota-routes.js';
import { accountRoutes } from './account-routes.js';
import { mediaRoutes } from './media-routes.js';
import type { ApiRoute } from './route.js';
import { snsRoutes } from './sns-routes.js';
import { wxaRoutes } from './wxa-routes.js';

/** Every path of the API host (the same table serves the api and api2 listeners). */
export function buildApiRoutes(): Map<string, ApiRoute> {
  const all: ApiRoute[] = [
    ...componentTokenRoutes,
    ...componentInfoRoutes,
    ...optionQuotaRoutes,
    ...directTokenRoutes,
    ...accountRoutes,
    ...mediaRoutes,
    ...snsRoutes,
    ...wxaRoutes,
  ];
  return new Map(all.map((route) => [route.path, route]));
}
