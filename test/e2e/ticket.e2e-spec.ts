import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { WechatSimulator } from '../../simulator/index.js';
import { TicketWatchService } from '../../src/ticket/ticket-watch.service.js';
import { TicketService } from '../../src/ticket/ticket.service.js';
import { componentEnv, eventually, simCallCount } from '../support/component-sim.js';
import { ADMIN_KEY, createTestApp } from '../support/create-test-app.js';

const PUSH_PATH = '/cgi-bin/component/api_start_push_ticket';

describe('component_verify_ticket (SQLite file, simulator)', () => {
  let sim: WechatSimulator;
  let app: INestApplication;
  let env: Record<string, string>;
  let appid: string;
  const http = () => request(app.getHttpServer());
  const tickets = () => app.get(TicketService);
  const watch = () => app.get(TicketWatchService);
  const ready = () => http().get('/health/ready');
  const pushNow = () => http().post('/api/component/ticket/push').auth(ADMIN_KEY, { type: 'bearer' });

  beforeAll(async () => {
    sim = await WechatSimulator.start({ quiet: true, ticketIntervalMs: 0 });
    appid = sim.component.appId;
    const file = join(mkdtempSync(join(tmpdir(), 'wog-ticket-')), 'gateway.sqlite');
    env = componentEnv(sim, { DATABASE_URL: `sqlite:${file}` }) as Record<string, string>;
    app = await createTestApp(env);
  });
  afterAll(async () => {
    await app?.close();
    await sim?.stop();
  });

  it('is not ready without a ticket, and asked WeChat for a push at start', async () => {
    const { body } = await ready().expect(503);
    expect(body).toMatchObject({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'not ready: component_ticket',
    });
    expect(body.details.database.status).toBe('up');
    expect(body.details.component_ticket).toMatchObject({ status: 'down' });
    expect(JSON.stringify(body.details.component_ticket)).toContain('no component_verify_ticket received yet');
    await expect(watch().check()).rejects.toThrow('no component_verify_ticket received yet');
    await eventually(() => simCallCount(sim, PUSH_PATH) === 1);
  });

  it('respects the 10-minute limit on push requests made through the API', async () => {
    const { body } = await pushNow().expect(200);
    expect(body).toEqual({ requested: false, next_allowed_at: expect.any(String) });
    expect(Date.parse(body.next_allowed_at)).toBeGreaterThan(Date.now() + 9 * 60_000);
    expect(simCallCount(sim, PUSH_PATH)).toBe(1);
  });

  it('keeps the newest ticket by CreateTime, whatever the order of arrival', async () => {
    await expect(tickets().save(appid, 'ticket@@@second', 2000)).resolves.toBe('stored');
    await expect(tickets().save(appid, 'ticket@@@first', 1000)).resolves.toBe('stale');
    await expect(tickets().save(appid, 'ticket@@@second-again', 2000)).resolves.toBe('stale');
    await expect(tickets().current(appid)).resolves.toMatchObject({ ticket: 'ticket@@@second', createTime: 2000 });
    const times = Array.from({ length: 20 }, (_, i) => 3000 + ((i * 7) % 20));
    await Promise.all(times.map((t) => tickets().save(appid, `ticket@@@${t}`, t)));
    await expect(tickets().current(appid)).resolves.toMatchObject({ ticket: 'ticket@@@3019', createTime: 3019 });
  });

  it('stores the ticket sealed, one row per component appid', async () => {
    await tickets().save('wxothercomponent01', 'ticket@@@other', 5000);
    const rows: { component_appid: string; ticket_sealed: string; create_time: unknown }[] = await app
      .get(DataSource)
      .query('SELECT component_appid, ticket_sealed, create_time FROM component_tickets ORDER BY component_appid');
    expect(rows.map((r) => r.component_appid)).toEqual([appid, 'wxothercomponent01'].sort());
    for (const row of rows) expect(row.ticket_sealed).toMatch(/^v1\./);
    expect(JSON.stringify(rows)).not.toContain('ticket@@@');
    await expect(tickets().current(appid)).resolves.toMatchObject({ ticket: 'ticket@@@3019' });
  });

  it('is ready once a ticket is stored, and exports its age', async () => {
    const { body } = await ready().expect(200);
    expect(body.details.component_ticket).toMatchObject({ status: 'up', age_seconds: expect.any(Number) });
    const { text } = await http().get('/metrics').expect(200);
    expect(text).toMatch(new RegExp(`gateway_component_ticket_age_seconds\\{component_appid="${appid}"\\} \\d`));
    expect(text).not.toContain('ticket@@@');
  });

  it('after a restart with a ticket older than 12 h: not ready, and a push is requested', async () => {
    await app
      .get(DataSource)
      .query('UPDATE component_tickets SET received_at = ?', [
        new Date(Date.now() - 13 * 3600_000).toISOString().replace('T', ' ').replace('Z', ''),
      ]);
    await app.close();
    app = await createTestApp(env);
    await ready().expect(503);
    await expect(watch().check()).rejects.toThrow(/older than 12 h \(age 468\d\d s\)/);
    await eventually(() => simCallCount(sim, PUSH_PATH) === 2);
  });

  it('with a fresh ticket after a restart: no push at start, and the API may request one', async () => {
    await tickets().save(appid, 'ticket@@@fresh', 9000);
    await app.close();
    app = await createTestApp(env);
    await ready().expect(200);
    const { body } = await pushNow().expect(200);
    expect(body.requested).toBe(true);
    expect(simCallCount(sim, PUSH_PATH)).toBe(3);
    expect((await pushNow().expect(200)).body.requested).toBe(false);
    expect(simCallCount(sim, PUSH_PATH)).toBe(3);
    const { text } = await http().get('/metrics').expect(200);
    expect(text).toMatch(/gateway_ticket_push_requests_total\{result="requested"\} 1/);
    expect(text).toMatch(/gateway_ticket_push_requests_total\{result="rate_limited"\} 1/);
  });

  it('needs the admin scope to request a push', async () => {
    const { body: key } = await http()
      .post('/api/keys')
      .auth(ADMIN_KEY, { type: 'bearer' })
      .send({ name: 'reader', scopes: ['tokens:read'] })
      .expect(201);
    await pushNow().auth(key.key, { type: 'bearer' }).expect(403);
  });
});

describe('component_ticket readiness without credentials', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('is up with configured: false', async () => {
    const { body } = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(body.details.component_ticket).toMatchObject({ status: 'up', configured: false });
  });
});
