import { LessThan, type FindOptionsWhere, type ObjectLiteral, type Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';

const DUPLICATE_KEY_CODES = new Set(['ER_DUP_ENTRY', 'SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE']);

function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  return DUPLICATE_KEY_CODES.has(String(e.driverError?.code ?? e.code));
}

/**
 * Portable newest-wins write (SQLite and MySQL, pitfall 4): UPDATE only over an older fetched_at,
 * else INSERT, and after losing an INSERT race the conditional UPDATE again. True when written.
 */
export async function saveNewest<E extends ObjectLiteral & { fetchedAt: Date }>(
  repo: Repository<E>,
  key: Partial<E>,
  values: Partial<E> & { fetchedAt: Date },
): Promise<boolean> {
  const where = { ...key, fetchedAt: LessThan(values.fetchedAt) } as FindOptionsWhere<E>;
  const update = async () => ((await repo.update(where, values as QueryDeepPartialEntity<E>)).affected ?? 0) > 0;
  if (await update()) return true;
  try {
    await repo.insert({ ...key, ...values } as QueryDeepPartialEntity<E>);
    return true;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return update();
  }
}
