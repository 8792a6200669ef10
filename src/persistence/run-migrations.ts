import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

const LOCK_NAME = 'wechat_open_gateway_migrations';
const LOCK_WAIT_SECONDS = 120;

/**
 * Runs pending migrations once, even when several instances start together on one MySQL database
 * (a scaled deployment's first start): a named server lock (GET_LOCK) lets one instance migrate
 * while the others wait and then find nothing left to do. SQLite has one writer per file anyway.
 */
export async function runMigrations(
  ds: DataSource,
  logger: Pick<Logger, 'log'> = new Logger('Migrations'),
): Promise<void> {
  if (ds.options.type !== 'mysql') {
    await logRan(logger, await ds.runMigrations({ transaction: 'each' }));
    return;
  }
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS got', [LOCK_NAME, LOCK_WAIT_SECONDS])) as {
      got: number | string | null;
    }[];
    if (Number(row?.got) !== 1) throw new Error(`the migration lock was not granted within ${LOCK_WAIT_SECONDS} s`);
    try {
      await logRan(logger, await ds.runMigrations({ transaction: 'each' }));
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
    }
  } finally {
    await runner.release();
  }
}

async function logRan(logger: Pick<Logger, 'log'>, ran: { name: string }[]): Promise<void> {
  if (ran.length > 0) logger.log({ migrations: ran.map((m) => m.name) }, `applied ${ran.length} migration(s)`);
}
