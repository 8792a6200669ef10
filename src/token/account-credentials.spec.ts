import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AccountNotAuthorizedError } from '../account/account.errors.js';
import { AccountService } from '../account/account.service.js';
import { DirectAccountService } from '../account/direct-account.service.js';
import { AccountEntity } from '../account/entities/account.entity.js';
import { SecretBox } from '../crypto/secret-box.js';
import { buildDataSourceOptions } from '../persistence/data-source-options.js';
import { runMigrations } from '../persistence/run-migrations.js';
import { AccountTicketEntity } from './entities/account-ticket.entity.js';
import { AccountTokenEntity } from './entities/account-token.entity.js';
import { TypeOrmAccountTicketStore } from './typeorm-account-ticket.store.js';
import { TypeOrmAccountTokenStore } from './typeorm-account-token.store.js';

const APPID = 'wxaccount000000001';
const issued = (accessToken: string) => {
  const fetchedAt = new Date();
  return { accessToken, fetchedAt, expiresAt: new Date(fetchedAt.getTime() + 7200_000) };
};

/** The account and token tables on SQLite in memory: atomicity needs a real transaction. */
describe('refresh token and access token written together (pitfall 6)', () => {
  beforeAll(() => Logger.overrideLogger(false));
  let ds: DataSource;
  let accounts: AccountService;
  let tokens: TypeOrmAccountTokenStore;
  let tickets: TypeOrmAccountTicketStore;
  let failAfterTokenWrite: boolean;

  beforeEach(async () => {
    const options = buildDataSourceOptions({ kind: 'sqlite', url: 'sqlite::memory:', sqlitePath: ':memory:' });
    ds = await new DataSource({
      ...options,
      entities: [AccountEntity, AccountTokenEntity, AccountTicketEntity],
    }).initialize();
    await runMigrations(ds, { log: () => undefined });
    const box = new SecretBox(Buffer.alloc(32, 3));
    const repo = ds.getRepository(AccountEntity);
    accounts = new AccountService(repo, box, new DirectAccountService(repo, box));
    tokens = new TypeOrmAccountTokenStore(ds.getRepository(AccountTokenEntity), box);
    tickets = new TypeOrmAccountTicketStore(ds.getRepository(AccountTicketEntity), box);
    failAfterTokenWrite = false;
    accounts.registerCredentialsHook({
      saveAccessToken: async (em, appid, token) => {
        await tokens.saveIfNewer(appid, token, em);
        if (failAfterTokenWrite) throw new Error('disk full');
      },
      purge: async (em, appid) => {
        await tokens.deleteAll(appid, em);
        await tickets.deleteAll(appid, em);
      },
    });
    await accounts.upsertAuthorized({ appid: APPID, componentAppid: 'wxcomponent0000001', refreshToken: 'R1' });
  });
  afterEach(() => ds.destroy());

  it('stores a rotated refresh token with the new access token, sealed', async () => {
    await accounts.saveIssuedTokens(APPID, { accessToken: issued('AT1'), refreshToken: 'R2' });
    expect(await accounts.getRefreshToken(APPID)).toBe('R2');
    expect((await tokens.find(APPID))?.accessToken).toBe('AT1');
    const [row] = await ds.query('SELECT refresh_token_sealed FROM accounts');
    expect(row.refresh_token_sealed).not.toContain('R2');
  });

  it('keeps neither when the write fails halfway', async () => {
    await accounts.saveIssuedTokens(APPID, { accessToken: issued('AT1'), refreshToken: 'R1' });
    failAfterTokenWrite = true;
    await expect(accounts.saveIssuedTokens(APPID, { accessToken: issued('AT2'), refreshToken: 'R2' })).rejects.toThrow(
      'disk full',
    );
    expect(await accounts.getRefreshToken(APPID)).toBe('R1');
    expect((await tokens.find(APPID))?.accessToken).toBe('AT1');
  });

  it('stores the access token of api_query_auth with the account', async () => {
    await accounts.upsertAuthorized({
      appid: APPID,
      componentAppid: 'wxcomponent0000001',
      refreshToken: 'R3',
      accessToken: issued('AT_QUERY_AUTH'),
    });
    expect((await tokens.find(APPID))?.accessToken).toBe('AT_QUERY_AUTH');
  });

  it('deletes tokens and tickets on revocation and refuses tokens issued afterwards', async () => {
    await accounts.saveIssuedTokens(APPID, { accessToken: issued('AT1') });
    await tickets.saveIfNewer(APPID, 'jsapi', { ticket: 'T1', ...issued('x') });
    await accounts.markRevoked(APPID, new Date());
    expect(await tokens.find(APPID)).toBeNull();
    expect(await tickets.find(APPID, 'jsapi')).toBeNull();
    await expect(accounts.saveIssuedTokens(APPID, { accessToken: issued('AT2') })).rejects.toBeInstanceOf(
      AccountNotAuthorizedError,
    );
    expect(await tokens.find(APPID)).toBeNull();
  });
});
