import type { INestApplication } from '@nestjs/common';
import { WechatSimulator } from '../../simulator/index.js';
import type { SimulatorOptions } from '../../simulator/options.js';
import type { Env } from '../../src/config/validate-env.js';
import { createTestApp } from './create-test-app.js';
import { freePort } from './gateway-process.js';

export interface SimGateway {
  sim: WechatSimulator;
  app: INestApplication;
  /** The gateway's address, as WeChat and browsers reach it. */
  url: string;
  close: () => Promise<void>;
}

/**
 * A simulator and a gateway listening on a real loopback port, wired to each other the way an
 * operator wires the real ones in WeChat's console: event URL, message URL template, initiation domain.
 */
export async function startSimGateway(env: Env = {}, simOptions: SimulatorOptions = {}): Promise<SimGateway> {
  const sim = await WechatSimulator.start({
    quiet: true,
    pushTimeoutMs: 2000,
    ticketIntervalMs: 0,
    pushTicketOnStart: false,
    ...simOptions,
  });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const app = await createTestApp({
    GATEWAY_PUBLIC_URL: url,
    WECHAT_COMPONENT_APP_ID: sim.component.appId,
    WECHAT_COMPONENT_APP_SECRET: sim.component.appSecret,
    WECHAT_COMPONENT_TOKEN: sim.component.token,
    WECHAT_COMPONENT_AES_KEY: sim.component.encodingAesKey,
    WECHAT_API_BASE_URL: sim.url,
    WECHAT_API_FALLBACK_URLS: sim.api2Url,
    WECHAT_MP_BASE_URL: sim.mpUrl,
    WECHAT_OPEN_BASE_URL: sim.openUrl,
    WECHAT_API_RETRY_BASE_DELAY_MS: '10',
    AUTH_REDIRECT_ALLOWLIST: 'https://app.example.com/wechat/',
    ...env,
  });
  await app.listen(port, '127.0.0.1');
  sim.configure({
    eventUrl: `${url}/wechat/component/events`,
    messageUrlTemplate: `${url}/wechat/accounts/$APPID$/messages`,
    initiationDomain: `127.0.0.1:${port}`,
  });
  return {
    sim,
    app,
    url,
    close: async () => {
      await app.close();
      await sim.stop();
    },
  };
}
