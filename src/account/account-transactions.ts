import type { EntityManager } from 'typeorm';

/**
 * Runs transactions, one at a time per process on SQLite. TypeORM's SQLite drivers share one
 * connection, where a second concurrent transaction becomes a savepoint inside the first and a
 * rollback of either can undo the other; MySQL gives each transaction its own connection.
 */
export class AccountTransactions {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly manager: EntityManager) {}

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const run = () => this.manager.transaction(work);
    if (!this.sqlite) return run();
    const next = this.tail.then(run, run);
    this.tail = next.catch(() => undefined);
    return next;
  }

  private get sqlite(): boolean {
    return this.manager.connection.options.type === 'better-sqlite3';
  }
}
