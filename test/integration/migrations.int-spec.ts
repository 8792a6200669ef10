import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../src/persistence/migrations/index.js';
import { createTestApp } from '../support/create-test-app.js';
import { createScratchDatabase } from '../support/integration-env.js';

/** Every migration runs up and down on MySQL/MariaDB, and instances starting together migrate once. */
describe('migrations on MySQL/MariaDB', () => {
  let db: { url: string; drop: () => Promise<void> };
  const apps: INestApplication[] = [];

  beforeAll(async () => {
    db = await createScratchDatabase();
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await db?.drop();
  });

  it('three instances starting at once on an empty database all start, and each migration ran once', async () => {
    apps.push(...(await Promise.all([1, 2, 3].map(() => createTestApp({ DATABASE_URL: db.url })))));
    const ran: { name: string }[] = await apps[0].get(DataSource).query('SELECT name FROM migrations');
    expect(ran.map((r) => r.name).sort()).toEqual(MIGRATIONS.map((M) => new M().name ?? M.name).sort());
  }, 60_000);

  it('reverts every migration and applies them again', async () => {
    const ds = apps[0].get(DataSource);
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration();
    const tables: Record<string, string>[] = await ds.query('SHOW TABLES');
    expect(tables.map((t) => Object.values(t)[0]).filter((n) => n !== 'migrations')).toEqual([]);
    const again = await ds.runMigrations();
    expect(again).toHaveLength(MIGRATIONS.length);
  }, 60_000);
});
