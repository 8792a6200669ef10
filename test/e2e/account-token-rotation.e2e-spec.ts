import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AccountService } from '../../src/account/account.service.js';
import { createTestApp } from '../support/create-test-app.js';
import { startSimGateway, type SimGateway } from '../support/sim-gateway.js';
import { AUTHORIZER_TOKEN_PATH, authorizeAccount, simGatewayEnv, tokenApi } from '../support/token-sim.js';

const OA = 'wxdemoofficial0001';

/** WeChat rotating refresh tokens (simulator option): every rotation must survive the grace and a restart. */
describe('rotated refresh tokens on a SQLite file', () => {
  const database = `sqlite:${join(mkdtempSync(join(tmpdir(), 'wog-rotation-')), 'gateway.sqlite')}`;
  let gw: SimGateway;
  let restarted: INestApplication | undefined;
  const simRefreshToken = () => gw.sim.state.authorizations.get(OA)?.refreshToken;

  beforeAll(async () => {
    gw = await startSimGateway({ DATABASE_URL: database }, { rotateRefreshTokens: true });
    await authorizeAccount(gw.app, gw.sim, OA);
  }, 30_000);
  afterAll(async () => {
    await restarted?.close();
    await gw.close();
  });

  it('persists the rotated refresh token, sealed, before the token is handed out', async () => {
    const first = simRefreshToken();
    expect(await gw.app.get(AccountService).getRefreshToken(OA)).toBe(first);
    const { body } = await tokenApi(gw.app).refresh(OA).expect(200);
    expect(gw.sim.calls({ path: AUTHORIZER_TOKEN_PATH })).toHaveLength(1);
    const rotated = simRefreshToken();
    expect(rotated).not.toBe(first);
    expect(await gw.app.get(AccountService).getRefreshToken(OA)).toBe(rotated);
    const [row] = await gw.app.get(DataSource).query('SELECT refresh_token_sealed FROM accounts WHERE appid = ?', [OA]);
    expect(row.refresh_token_sealed).not.toContain(rotated!.slice(16));
    expect(gw.sim.state.tokens.check(body.access_token).ok).toBe(true);
  });

  it('still refreshes after the 5-minute grace and a restart on the same file', async () => {
    gw.sim.advanceClock(301); // the refresh token before the rotation is dead now
    await gw.app.close();
    restarted = await createTestApp(simGatewayEnv(gw.sim, { DATABASE_URL: database }));
    const api = tokenApi(restarted);
    const before = await api.get(OA).expect(200); // the stored token, no WeChat call
    expect(gw.sim.calls({ path: AUTHORIZER_TOKEN_PATH })).toHaveLength(1);
    const { body } = await api.refresh(OA, before.body.access_token).expect(200);
    const calls = gw.sim.calls({ path: AUTHORIZER_TOKEN_PATH });
    expect(calls.map((c) => c.errcode)).toEqual([0, 0]); // no 61023: the rotated token was the one used
    expect(body.access_token).not.toBe(before.body.access_token);
    expect(await restarted.get(AccountService).getRefreshToken(OA)).toBe(simRefreshToken());
  });
});
