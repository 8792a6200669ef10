import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Env } from '../../src/config/validate-env.js';
import { AuthorizationService } from '../../src/authorization/authorization.service.js';
import type { WechatSimulator } from '../../simulator/index.js';
import { seedTicket } from './auth-flow.js';
import { ADMIN_KEY } from './create-test-app.js';

export const AUTHORIZER_TOKEN_PATH = '/cgi-bin/component/api_authorizer_token';

/** The environment startSimGateway gives its gateway, for a second app or a restart on the same simulator. */
export function simGatewayEnv(sim: WechatSimulator, extra: Env = {}): Env {
  return {
    WECHAT_COMPONENT_APP_ID: sim.component.appId,
    WECHAT_COMPONENT_APP_SECRET: sim.component.appSecret,
    WECHAT_COMPONENT_TOKEN: sim.component.token,
    WECHAT_COMPONENT_AES_KEY: sim.component.encodingAesKey,
    WECHAT_API_BASE_URL: sim.url,
    WECHAT_API_FALLBACK_URLS: sim.api2Url,
    WECHAT_MP_BASE_URL: sim.mpUrl,
    WECHAT_OPEN_BASE_URL: sim.openUrl,
    WECHAT_API_RETRY_BASE_DELAY_MS: '10',
    ...extra,
  };
}

/** A ticket for the gateway, then the owner authorizes `appid`; the code is exchanged (push or here, once). */
export async function authorizeAccount(app: INestApplication, sim: WechatSimulator, appid: string): Promise<void> {
  await seedTicket(app, sim);
  const { authCode } = await sim.authorizeDirectly(appid);
  await app.get(AuthorizationService).exchangeAuthorizationCode(authCode, 'push');
}

/** The token API as an internal app calls it, with the admin key unless another is given. */
export function tokenApi(app: INestApplication, key = ADMIN_KEY) {
  const api = () => request(app.getHttpServer());
  return {
    get: (appid: string) => api().get(`/api/accounts/${appid}/access-token`).auth(key, { type: 'bearer' }),
    refresh: (appid: string, staleToken?: string) =>
      api()
        .post(`/api/accounts/${appid}/access-token/refresh`)
        .auth(key, { type: 'bearer' })
        .send(staleToken === undefined ? {} : { stale_token: staleToken }),
    ticket: (appid: string, type: string) =>
      api().get(`/api/accounts/${appid}/tickets/${type}`).auth(key, { type: 'bearer' }),
    jssdk: (appid: string, url: string) =>
      api().post(`/api/accounts/${appid}/jssdk/config`).auth(key, { type: 'bearer' }).send({ url }),
  };
}
