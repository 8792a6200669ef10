import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { componentEnv } from '../support/component-sim.js';
import { ADMIN_KEY, createTestApp } from '../support/create-test-app.js';
import { createScratchDatabase, scratchRedisPrefix, TEST_REDIS_URL } from '../support/integration-env.js';
import { OA, authorizeAccounts, currentToken, firstUser, sha256 } from '../support/proxy-fixtures.js';
import { startSimGateway, type SimGateway } from '../support/sim-gateway.js';

const AUTHORIZER_TOKEN = '/cgi-bin/component/api_authorizer_token';
const USER_INFO = '/cgi-bin/user/info';

/** The account proxy on MySQL/MariaDB + Redis, with a second gateway instance sharing both. */
describe('account proxy on MySQL/MariaDB + Redis, two instances', () => {
  let gw: SimGateway;
  let second: INestApplication;
  let db: { url: string; drop: () => Promise<void> };
  const proxyGet = (app: INestApplication, path: string) =>
    request(app.getHttpServer()).get(`/api/accounts/${OA}/proxy${path}`).auth(ADMIN_KEY, { type: 'bearer' });

  beforeAll(async () => {
    db = await createScratchDatabase();
    const shared = { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: scratchRedisPrefix() };
    gw = await startSimGateway(shared); // runs the migrations first
    second = await createTestApp(componentEnv(gw.sim, { ...shared, WECHAT_API_RETRY_BASE_DELAY_MS: '10' }));
    await authorizeAccounts(gw.app, gw.sim, [OA]);
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await gw?.close();
    await db?.drop();
  });

  it('after the token is invalidated elsewhere, proxied calls on both instances succeed with one refresh', async () => {
    const openid = firstUser(gw.sim, OA);
    // Both instances hold the current token in memory.
    await proxyGet(gw.app, `${USER_INFO}?openid=${openid}`).expect(200);
    await proxyGet(second, `${USER_INFO}?openid=${openid}`).expect(200);
    const old = await currentToken(gw.app, OA);
    expect(await currentToken(second, OA)).toBe(old);
    gw.sim.invalidateToken(old);
    const before = gw.sim.calls({ path: AUTHORIZER_TOKEN }).length;
    const answers = await Promise.all(
      [gw.app, second, gw.app, second, gw.app, second].map((app) => proxyGet(app, `${USER_INFO}?openid=${openid}`)),
    );
    expect(answers.map((a) => [a.status, a.body.openid])).toEqual(Array(6).fill([200, openid]));
    expect(gw.sim.calls({ path: AUTHORIZER_TOKEN }).length).toBe(before + 1);
    const renewed = await currentToken(gw.app, OA);
    expect(renewed).not.toBe(old);
    expect(await currentToken(second, OA)).toBe(renewed);
  });

  it('round-trips a media file byte for byte across the instances', async () => {
    const image = randomBytes(400 * 1024);
    const up = await request(second.getHttpServer())
      .post(`/api/accounts/${OA}/proxy/cgi-bin/media/upload?type=image`)
      .auth(ADMIN_KEY, { type: 'bearer' })
      .attach('media', image, { filename: 'photo.jpg', contentType: 'image/jpeg' })
      .expect(200);
    const mediaId = up.body.media_id as string;
    expect(mediaId).toEqual(expect.any(String));
    const down = await proxyGet(gw.app, `/cgi-bin/media/get?media_id=${mediaId}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(down.headers['content-type']).toBe('image/jpeg');
    expect(sha256(down.body as Buffer)).toBe(sha256(image));
  });
});
