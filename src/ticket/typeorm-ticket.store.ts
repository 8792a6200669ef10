import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { SecretBox } from '../crypto/secret-box.js';
import { ComponentTicketEntity } from './entities/component-ticket.entity.js';
import { TicketStore, type StoredTicket } from './ticket.store.js';

const DUPLICATE_KEY_CODES = new Set(['ER_DUP_ENTRY', 'SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE']);

function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  return DUPLICATE_KEY_CODES.has(String(e.driverError?.code ?? e.code));
}

/**
 * Newest-wins without a transaction, so it behaves the same on SQLite and MySQL: a conditional UPDATE
 * (only over an older CreateTime), an INSERT when there is no row yet, and when another instance
 * inserted first, the conditional UPDATE once more (its push may be the older one).
 */
@Injectable()
export class TypeOrmTicketStore extends TicketStore {
  private readonly logger = new Logger(TypeOrmTicketStore.name);

  constructor(
    @InjectRepository(ComponentTicketEntity) private readonly repo: Repository<ComponentTicketEntity>,
    private readonly box: SecretBox,
  ) {
    super();
  }

  async saveIfNewer(componentAppid: string, t: StoredTicket): Promise<boolean> {
    const sealed = this.box.seal(t.ticket);
    if (await this.updateIfOlder(componentAppid, t, sealed)) return true;
    try {
      await this.repo.insert({
        componentAppid,
        ticketSealed: sealed,
        createTime: t.createTime,
        receivedAt: t.receivedAt,
      });
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return this.updateIfOlder(componentAppid, t, sealed);
    }
  }

  async find(componentAppid: string): Promise<StoredTicket | null> {
    const row = await this.repo.findOneBy({ componentAppid });
    if (!row) return null;
    try {
      return { ticket: this.box.open(row.ticketSealed), createTime: row.createTime, receivedAt: row.receivedAt };
    } catch (err) {
      // Sealed under another GATEWAY_SECRET_KEY: as good as absent; the next push replaces it.
      this.logger.warn({ componentAppid, error: (err as Error).name }, 'stored component_verify_ticket is unreadable');
      return null;
    }
  }

  private async updateIfOlder(componentAppid: string, t: StoredTicket, sealed: string): Promise<boolean> {
    const result = await this.repo.update(
      { componentAppid, createTime: LessThan(t.createTime) },
      { ticketSealed: sealed, createTime: t.createTime, receivedAt: t.receivedAt },
    );
    return (result.affected ?? 0) > 0;
  }
}
