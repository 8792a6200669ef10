import { WechatSimulator } from '../../simulator/index.js';
import { freePort, startGatewayProcess, type GatewayProcess } from './gateway-process.js';

export const PROCESS_ADMIN_KEY = 'process-admin-key-0123456789';

/**
 * A simulator in this test process and gateway processes (dist/src/main.js) wired to it, for what
 * only real processes show: crashes, restarts, several instances.
 */
export async function startProcessSim(): Promise<WechatSimulator> {
  return WechatSimulator.start({ quiet: true, pushTimeoutMs: 3000, ticketIntervalMs: 0, pushTicketOnStart: false });
}

export async function startWiredGateway(
  sim: WechatSimulator,
  env: Record<string, string>,
  opts: { dataDir?: string; port?: number; wireEvents?: boolean } = {},
): Promise<GatewayProcess> {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const gw = await startGatewayProcess(
    {
      GATEWAY_PUBLIC_URL: url,
      GATEWAY_ADMIN_API_KEY: PROCESS_ADMIN_KEY,
      GATEWAY_SECRET_KEY: Buffer.alloc(32, 9).toString('base64'),
      WECHAT_COMPONENT_APP_ID: sim.component.appId,
      WECHAT_COMPONENT_APP_SECRET: sim.component.appSecret,
      WECHAT_COMPONENT_TOKEN: sim.component.token,
      WECHAT_COMPONENT_AES_KEY: sim.component.encodingAesKey,
      WECHAT_API_BASE_URL: sim.url,
      WECHAT_API_FALLBACK_URLS: sim.api2Url,
      WECHAT_MP_BASE_URL: sim.mpUrl,
      WECHAT_OPEN_BASE_URL: sim.openUrl,
      ...env,
    },
    opts.dataDir,
    port,
  );
  if (opts.wireEvents !== false) {
    sim.configure({ eventUrl: `${url}/wechat/component/events`, initiationDomain: `127.0.0.1:${port}` });
  }
  return gw;
}

export async function apiGet(
  gw: GatewayProcess,
  path: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${gw.url}${path}`, { headers: { authorization: `Bearer ${PROCESS_ADMIN_KEY}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
