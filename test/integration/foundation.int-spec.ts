import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import type { Cache } from 'cache-manager';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { Lock } from '../../src/cache/lock.js';
import { RedisLock } from '../../src/cache/redis-lock.js';
import { ADMIN_KEY, createTestApp } from '../support/create-test-app.js';
import { createScratchDatabase, scratchRedisPrefix, TEST_REDIS_URL } from '../support/integration-env.js';

describe('foundation on MySQL/MariaDB + Redis', () => {
  let app: INestApplication;
  let second: INestApplication;
  let db: { url: string; drop: () => Promise<void> };
  const prefix = scratchRedisPrefix();
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    db = await createScratchDatabase();
    const env = { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix };
    app = await createTestApp(env);
    second = await createTestApp(env);
  });
  afterAll(async () => {
    await Promise.all([app?.close(), second?.close()]);
    await db?.drop();
  });

  it('ran the migrations on MySQL and records them', async () => {
    const ds = app.get(DataSource);
    expect(ds.options.type).toBe('mysql');
    const rows: { name: string }[] = await ds.query('SELECT name FROM migrations');
    expect(rows.map((r) => r.name)).toContain('CreateApiKeys1763683200000');
    const cols: { Field: string }[] = await ds.query('SHOW COLUMNS FROM api_keys');
    expect(cols.map((c) => c.Field)).toEqual(
      expect.arrayContaining(['key_hash', 'scopes', 'allowed_appids', 'revoked_at']),
    );
  });

  it('is ready with the database and Redis', async () => {
    const { body } = await http().get('/health/ready').expect(200);
    expect(body.details.database.status).toBe('up');
    expect(body.details.cache).toMatchObject({ status: 'up', store: 'redis' });
  });

  it('binds the Redis lock and shares the cache between two instances', async () => {
    expect(app.get(Lock)).toBeInstanceOf(RedisLock);
    await app.get<Cache>(CACHE_MANAGER).set('shared-probe', { v: 7 }, 10_000);
    await expect(second.get<Cache>(CACHE_MANAGER).get('shared-probe')).resolves.toEqual({ v: 7 });
  });

  it('keeps API keys in MySQL: a key made on one instance works on the other, until revoked', async () => {
    const { body: key } = await http()
      .post('/api/keys')
      .auth(ADMIN_KEY, { type: 'bearer' })
      .send({ name: 'ops', scopes: ['admin'] })
      .expect(201);
    await request(second.getHttpServer()).get('/api/keys').auth(key.key, { type: 'bearer' }).expect(200);
    await request(second.getHttpServer()).delete(`/api/keys/${key.id}`).auth(ADMIN_KEY, { type: 'bearer' }).expect(200);
    await request(second.getHttpServer()).get('/api/keys').auth(key.key, { type: 'bearer' }).expect(401);
    const stored: { key_hash: string }[] = await app
      .get(DataSource)
      .query('SELECT key_hash FROM api_keys WHERE id = ?', [key.id]);
    expect(stored[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0].key_hash).not.toContain(key.key);
  });

  it('the Redis lock excludes across the two instances', async () => {
    const a = second.get(Lock);
    const b = app.get(Lock);
    let inside = 0;
    let max = 0;
    const section = async () => {
      inside++;
      max = Math.max(max, inside);
      await new Promise((r) => setTimeout(r, 15));
      inside--;
    };
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).run('it-shared', 5_000, section)));
    expect(max).toBe(1);
  });
});
