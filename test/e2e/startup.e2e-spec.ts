import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, runFailingGateway, startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';

describe('the gateway process (npm start)', () => {
  let gw: GatewayProcess;

  beforeAll(async () => {
    gw = await startGatewayProcess();
  }, 30_000);
  afterAll(() => gw?.stop());

  it('serves /health/live, /docs and /metrics with no configuration', async () => {
    expect((await fetch(`${gw.url}/health/live`)).status).toBe(200);
    const docs = await fetch(`${gw.url}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
    const metrics = await fetch(`${gw.url}/metrics`);
    expect(await metrics.text()).toContain('gateway_http_request_duration_seconds');
  });

  it('created its SQLite file and secret key under the data directory', async () => {
    expect((await fetch(`${gw.url}/health/ready`)).status).toBe(200);
    expect(existsSync(join(gw.dataDir, 'gateway.sqlite'))).toBe(true);
    expect(existsSync(join(gw.dataDir, 'secret.key'))).toBe(true);
  });

  it('logs JSON lines without secrets', async () => {
    expect(gw.output()).not.toMatch(/secret\.key.*[A-Za-z0-9+/]{43}=/);
  });
});

describe('a bad configuration stops the start with one line naming the variable', () => {
  it.each([
    [
      'an unknown scheme',
      'postgres://user:hunter2secret@localhost/db',
      /^wechat-open-gateway failed to start: DATABASE_URL: must be/,
    ],
    [
      'an unreachable MySQL',
      'mysql://root:hunter2secret@127.0.0.1:1/db',
      /^wechat-open-gateway failed to start: DATABASE_URL: cannot open the database/,
    ],
  ])(
    'DATABASE_URL with %s',
    async (_what, url, expected) => {
      const { code, stderr } = await runFailingGateway({ DATABASE_URL: url });
      expect(code).toBe(1);
      const lines = stderr.trim().split('\n');
      expect(lines[lines.length - 1]).toMatch(expected);
      expect(stderr).not.toContain('hunter2secret');
    },
    30_000,
  );

  it('REDIS_URL that cannot be reached', async () => {
    const port = await freePort();
    const { code, stderr } = await runFailingGateway({ REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n').pop()).toMatch(
      /^wechat-open-gateway failed to start: REDIS_URL: cannot connect to Redis/,
    );
  }, 30_000);

  it('GATEWAY_SECRET_KEY missing in production', async () => {
    const { code, stderr } = await runFailingGateway({ NODE_ENV: 'production' });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'wechat-open-gateway failed to start: GATEWAY_SECRET_KEY: is required when NODE_ENV=production (openssl rand -base64 32)',
    );
  }, 30_000);
});
