import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { WechatSimulator } from '../../simulator/index.js';
import { freePort, type GatewayProcess } from '../support/gateway-process.js';
import { createScratchDatabase, scratchRedisPrefix, TEST_REDIS_URL } from '../support/integration-env.js';
import { apiGet, startProcessSim, startWiredGateway } from '../support/process-sim.js';

const TOKEN_PATH = '/cgi-bin/component/api_component_token';

/** Two gateway processes sharing one MySQL/MariaDB database and one Redis, against the simulator. */
describe('component lifecycle across two gateway processes (MySQL + Redis)', () => {
  let sim: WechatSimulator;
  let db: { url: string; drop: () => Promise<void> };
  let env: Record<string, string>;
  let a: GatewayProcess;
  let b: GatewayProcess;
  let portA: number;

  beforeAll(async () => {
    sim = await startProcessSim();
    db = await createScratchDatabase();
    env = { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: scratchRedisPrefix() };
    portA = await freePort();
    a = await startWiredGateway(sim, env, { port: portA });
    b = await startWiredGateway(sim, env, { wireEvents: false });
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await sim?.stop();
    await db?.drop();
  });

  it('50 concurrent token requests over both processes on an empty cache make one WeChat call', async () => {
    expect((await sim.pushTicket()).replyRaw).toBe('success');
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => apiGet(i % 2 ? a : b, '/api/component/access-token')),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(new Set(results.map((r) => r.body.component_access_token)).size).toBe(1);
    expect(sim.calls({ path: TOKEN_PATH })).toHaveLength(1);
  }, 60_000);

  it('an authorization pushed to one process is seen by the other; a revocation too', async () => {
    expect((await sim.authorizeDirectly('wxdemominiprog0001')).push?.replyRaw).toBe('success');
    expect((await apiGet(b, '/api/accounts/wxdemominiprog0001')).body).toMatchObject({
      status: 'authorized',
      kind: 'mini_program',
    });
    expect((await sim.authorizeDirectly('wxdemoofficial0002')).push?.replyRaw).toBe('success');
    expect((await sim.revoke('wxdemoofficial0002')).push?.replyRaw).toBe('success');
    expect((await apiGet(b, '/api/accounts/wxdemoofficial0002')).body).toMatchObject({ status: 'revoked' });
  }, 60_000);

  it('after kill -9 of both and a restart, everything is there and the valid token is reused', async () => {
    const before = (await apiGet(a, '/api/component/access-token')).body.component_access_token;
    await Promise.all([a.kill9(), b.kill9()]);
    a = await startWiredGateway(sim, env, { port: portA });
    b = await startWiredGateway(sim, env, { wireEvents: false });
    const after = await apiGet(b, '/api/component/access-token');
    expect(after.body.component_access_token).toBe(before);
    expect(sim.calls({ path: TOKEN_PATH })).toHaveLength(1);
    expect((await apiGet(a, '/api/component')).body).toMatchObject({ ticket: { present: true } });
    expect((await apiGet(a, '/api/accounts')).body.total).toBe(2);
    expect((await fetch(`${a.url}/health/ready`)).status).toBe(200);
  }, 60_000);
});
