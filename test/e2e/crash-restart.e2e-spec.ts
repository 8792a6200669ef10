import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WechatSimulator } from '../../simulator/index.js';
import { freePort, type GatewayProcess } from '../support/gateway-process.js';
import { apiGet, startProcessSim, startWiredGateway } from '../support/process-sim.js';

const TOKEN_PATH = '/cgi-bin/component/api_component_token';

/**
 * kill -9 of the gateway process, then a restart on the same SQLite file: the ticket, the
 * component token and the accounts are all still there, and the still-valid token is reused
 * without a new api_component_token call (it has a daily quota).
 */
describe('crash and restart (SQLite file)', () => {
  let sim: WechatSimulator;
  let gw: GatewayProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'wog-crash-'));
  const env = { DATABASE_URL: `sqlite:${join(dataDir, 'gateway.sqlite')}` };
  let port: number;

  beforeAll(async () => {
    sim = await startProcessSim();
    port = await freePort();
  });
  afterAll(async () => {
    await gw?.stop();
    await sim.stop();
  });

  it('keeps ticket, token and accounts across kill -9', async () => {
    gw = await startWiredGateway(sim, env, { dataDir, port });
    expect((await sim.pushTicket()).replyRaw).toBe('success');
    const first = await apiGet(gw, '/api/component/access-token');
    expect(first.status).toBe(200);
    expect(sim.calls({ path: TOKEN_PATH })).toHaveLength(1);
    const authorized = await sim.authorizeDirectly('wxdemoofficial0001');
    expect(authorized.push?.replyRaw).toBe('success');
    expect((await apiGet(gw, '/api/accounts/wxdemoofficial0001')).body.status).toBe('authorized');

    await gw.kill9();
    gw = await startWiredGateway(sim, env, { dataDir, port });

    const status = await apiGet(gw, '/api/component');
    expect(status.body).toMatchObject({ configured: true, ticket: { present: true } });
    const again = await apiGet(gw, '/api/component/access-token');
    expect(again.body.component_access_token).toBe(first.body.component_access_token);
    expect(sim.calls({ path: TOKEN_PATH })).toHaveLength(1);
    expect((await apiGet(gw, '/api/accounts/wxdemoofficial0001')).body).toMatchObject({
      appid: 'wxdemoofficial0001',
      status: 'authorized',
    });
    expect((await fetch(`${gw.url}/health/ready`)).status).toBe(200);
  }, 90_000);

  it('survives a kill -9 in the middle of a burst of pushes and token reads', async () => {
    gw ??= await startWiredGateway(sim, env, { dataDir, port });
    const burst = Promise.allSettled([
      ...Array.from({ length: 5 }, () => sim.pushTicket()),
      ...Array.from({ length: 20 }, () => apiGet(gw!, '/api/component/access-token')),
    ]);
    await new Promise((r) => setTimeout(r, 30));
    await gw.kill9();
    await burst;
    gw = await startWiredGateway(sim, env, { dataDir, port });
    const token = await apiGet(gw, '/api/component/access-token');
    expect(token.status).toBe(200);
    expect(sim.calls({ path: TOKEN_PATH })).toHaveLength(1);
    expect((await apiGet(gw, '/api/accounts')).body.total).toBe(1);
  }, 90_000);
});
