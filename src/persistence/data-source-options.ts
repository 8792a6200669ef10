import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/config.types.js';
import { MIGRATIONS } from './migrations/index.js';

/**
 * One place that turns DATABASE_URL into TypeORM options, used by the app and by the migration
 * CLI (ormconfig.ts). The schema comes from MIGRATIONS only: synchronize stays off.
 */
export function buildDataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  const common = { migrations: MIGRATIONS, migrationsRun: false, synchronize: false, logging: false } as const;
  if (db.kind === 'sqlite') {
    const path = db.sqlitePath ?? ':memory:';
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: path,
      enableWAL: path !== ':memory:',
      // Another process (the migration CLI, a second test worker) may hold the write lock briefly.
      timeout: 10_000,
    };
  }
  return {
    ...common,
    type: 'mysql',
    url: db.url,
    charset: 'utf8mb4_unicode_ci',
    // Dates are written and read as UTC whatever the server's zone is.
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: true,
    extra: { connectionLimit: 10 },
  };
}
