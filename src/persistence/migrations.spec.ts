import { describe, expect, it } from '@jest/globals';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options.js';
import { MIGRATIONS } from './migrations/index.js';
import { runMigrations } from './run-migrations.js';

const quiet = { log: () => undefined };

describe('migrations on SQLite', () => {
  it('apply in order, revert completely and apply again', async () => {
    const ds = await new DataSource(
      buildDataSourceOptions({ kind: 'sqlite', url: 'sqlite::memory:', sqlitePath: ':memory:' }),
    ).initialize();
    try {
      await runMigrations(ds, quiet);
      const applied: { name: string }[] = await ds.query('SELECT name FROM migrations ORDER BY id');
      expect(applied.map((r) => r.name)).toEqual(MIGRATIONS.map((M) => new M().name));
      for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration();
      const left: { name: string }[] = await ds.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('migrations', 'sqlite_sequence')",
      );
      expect(left).toEqual([]);
      await runMigrations(ds, quiet);
      expect(await ds.query('SELECT COUNT(*) AS n FROM migrations')).toEqual([{ n: MIGRATIONS.length }]);
    } finally {
      await ds.destroy();
    }
  });

  it('every migration has a unique, timestamped name', () => {
    const names = MIGRATIONS.map((M) => new M().name ?? '');
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[A-Z][A-Za-z]+\d{13}$/);
  });
});
