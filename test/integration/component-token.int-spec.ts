import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { WechatSimulator } from '../../simulator/index.js';
import { TicketService } from '../../src/ticket/ticket.service.js';
import { componentEnv, eventually, seedComponentTicket, simCallCount } from '../support/component-sim.js';
import { ADMIN_KEY, createTestApp } from '../support/create-test-app.js';
import { createScratchDatabase, scratchRedisPrefix, TEST_REDIS_URL } from '../support/integration-env.js';

const TOKEN_PATH = '/cgi-bin/component/api_component_token';
const PUSH_PATH = '/cgi-bin/component/api_start_push_ticket';
const LIST_PATH = '/cgi-bin/component/api_get_authorizer_list';

/** Two gateway instances on one MySQL database and one Redis, against the simulator. */
describe('component ticket and token on MySQL/MariaDB + Redis, two instances', () => {
  let sim: WechatSimulator;
  let db: { url: string; drop: () => Promise<void> };
  let env: Record<string, string>;
  let apps: INestApplication[] = [];
  const getToken = (app: INestApplication) =>
    request(app.getHttpServer()).get('/api/component/access-token').auth(ADMIN_KEY, { type: 'bearer' });

  beforeAll(async () => {
    sim = await WechatSimulator.start({ quiet: true, ticketIntervalMs: 0 });
    db = await createScratchDatabase();
    env = componentEnv(sim, {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: scratchRedisPrefix(),
    }) as Record<string, string>;
    // One after the other: the first runs the migrations, which two at once would race.
    apps = [await createTestApp(env)];
    apps.push(await createTestApp(env));
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await sim?.stop();
    await db?.drop();
  });

  it('requests one ticket push in all when both instances start without a ticket', async () => {
    await eventually(() => simCallCount(sim, PUSH_PATH) >= 1);
    await new Promise((r) => setTimeout(r, 200)); // the second instance's attempt has had its chance
    expect(simCallCount(sim, PUSH_PATH)).toBe(1);
  });

  it('keeps the newest ticket when both instances save concurrently', async () => {
    const appid = sim.component.appId;
    const saves = Array.from({ length: 20 }, (_, i) =>
      apps[i % 2].get(TicketService).save(appid, `ticket@@@race${i}`, 1000 + ((i * 7) % 20)),
    );
    const outcomes = await Promise.all(saves);
    expect(outcomes).toContain('stored');
    const rows: { create_time: string | number }[] = await apps[0]
      .get(DataSource)
      .query('SELECT create_time FROM component_tickets');
    expect(rows.map((r) => Number(r.create_time))).toEqual([1019]);
    await expect(apps[1].get(TicketService).current(appid)).resolves.toMatchObject({ createTime: 1019 });
  });

  it('makes exactly one WeChat call for 50 concurrent requests spread over both instances', async () => {
    await seedComponentTicket(apps[0], sim);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => getToken(apps[i % 2])));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    expect(new Set(answers.map((a) => a.body.component_access_token)).size).toBe(1);
    expect(simCallCount(sim, TOKEN_PATH)).toBe(1);
  });

  it('renews a token invalidated elsewhere with one WeChat call, whichever instance notices', async () => {
    const old = (await getToken(apps[0]).expect(200)).body.component_access_token;
    sim.invalidateToken(old);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        request(apps[i % 2].getHttpServer())
          .post(`/api/component/proxy${LIST_PATH}`)
          .auth(ADMIN_KEY, { type: 'bearer' })
          .set('content-type', 'application/json')
          .send(JSON.stringify({ component_appid: sim.component.appId, offset: 0, count: 10 })),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.every((a) => a.body.errcode === undefined || a.body.errcode === 0)).toBe(true);
    expect(simCallCount(sim, TOKEN_PATH)).toBe(2);
  });

  it('survives a restart of every instance: same token from MySQL, no WeChat call', async () => {
    const before = (await getToken(apps[1]).expect(200)).body.component_access_token;
    await Promise.all(apps.map((a) => a.close()));
    apps = [await createTestApp(env)];
    const after = (await getToken(apps[0]).expect(200)).body.component_access_token;
    expect(after).toBe(before);
    expect(simCallCount(sim, TOKEN_PATH)).toBe(2);
  });
});
