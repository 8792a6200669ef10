import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountService } from '../../src/account/account.service.js';
import { createTestApp } from '../support/create-test-app.js';
import { createScratchDatabase, scratchRedisPrefix, TEST_REDIS_URL } from '../support/integration-env.js';
import { startSimGateway, type SimGateway } from '../support/sim-gateway.js';
import { AUTHORIZER_TOKEN_PATH, authorizeAccount, simGatewayEnv, tokenApi } from '../support/token-sim.js';

const OA = 'wxdemoofficial0001';

describe('account tokens on MySQL/MariaDB + Redis, two instances', () => {
  let gw: SimGateway;
  let second: INestApplication;
  let restarted: INestApplication | undefined;
  let db: { url: string; drop: () => Promise<void> };
  let shared: Record<string, string>;
  const authorizerTokenCalls = () => gw.sim.calls({ path: AUTHORIZER_TOKEN_PATH });

  beforeAll(async () => {
    db = await createScratchDatabase();
    shared = { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: scratchRedisPrefix() };
    gw = await startSimGateway(shared, { rotateRefreshTokens: true });
    second = await createTestApp(simGatewayEnv(gw.sim, shared));
    await authorizeAccount(gw.app, gw.sim, OA);
  }, 60_000);
  afterAll(async () => {
    await restarted?.close();
    await second?.close();
    await gw?.close();
    await db?.drop();
  });

  it('makes one WeChat call for 100 concurrent refreshes of one stale token spread over two instances', async () => {
    expect(gw.app.get(DataSource).options.type).toBe('mysql');
    const stale = (await tokenApi(gw.app).get(OA).expect(200)).body.access_token as string;
    gw.sim.invalidateToken(stale);
    gw.sim.clearRecords();
    const apis = [tokenApi(gw.app), tokenApi(second)];
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => apis[i % 2].refresh(OA, stale)));
    expect(answers.map((r) => r.status)).toEqual(Array.from({ length: 100 }, () => 200));
    expect(new Set(answers.map((r) => r.body.access_token as string)).size).toBe(1);
    expect(authorizerTokenCalls()).toHaveLength(1);
    // The rotated refresh token is in MySQL, sealed.
    const rotated = gw.sim.state.authorizations.get(OA)?.refreshToken;
    expect(await second.get(AccountService).getRefreshToken(OA)).toBe(rotated);
  });

  it('keeps the rotated refresh token across the grace and a restart', async () => {
    gw.sim.advanceClock(301);
    await second.close();
    restarted = await createTestApp(simGatewayEnv(gw.sim, shared));
    gw.sim.clearRecords();
    const { body } = await tokenApi(restarted).refresh(OA).expect(200);
    expect(authorizerTokenCalls().map((c) => c.errcode)).toEqual([0]);
    expect(gw.sim.state.tokens.check(body.access_token).ok).toBe(true);
    expect(await restarted.get(AccountService).getRefreshToken(OA)).toBe(
      gw.sim.state.authorizations.get(OA)?.refreshToken,
    );
  });
});
