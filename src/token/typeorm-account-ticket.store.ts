import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository, type EntityManager } from 'typeorm';
import { SecretBox } from '../crypto/secret-box.js';
import { AccountTicketStore, type ExpiringTicket, type StoredTicket, type TicketType } from './account-ticket.store.js';
import { AccountTicketEntity } from './entities/account-ticket.entity.js';
import { saveNewest } from './newest-wins.js';

@Injectable()
export class TypeOrmAccountTicketStore extends AccountTicketStore {
  private readonly logger = new Logger(TypeOrmAccountTicketStore.name);

  constructor(
    @InjectRepository(AccountTicketEntity) private readonly repo: Repository<AccountTicketEntity>,
    private readonly box: SecretBox,
  ) {
    super();
  }

  async find(appid: string, type: TicketType): Promise<StoredTicket | null> {
    const row = await this.repo.findOneBy({ appid, type });
    return row ? this.open(row) : null;
  }

  saveIfNewer(appid: string, type: TicketType, ticket: StoredTicket): Promise<boolean> {
    return saveNewest(
      this.repo,
      { appid, type },
      {
        ticketSealed: this.box.seal(ticket.ticket),
        expiresAt: ticket.expiresAt,
        fetchedAt: ticket.fetchedAt,
      },
    );
  }

  async deleteAll(appid: string, em?: EntityManager): Promise<void> {
    await (em ? em.getRepository(AccountTicketEntity) : this.repo).delete({ appid });
  }

  async listExpiringBefore(before: Date, limit: number): Promise<ExpiringTicket[]> {
    const rows = await this.repo.find({
      where: { expiresAt: LessThan(before) },
      order: { expiresAt: 'ASC' },
      take: limit,
    });
    return rows.flatMap((row) => {
      const ticket = this.open(row);
      return ticket ? [{ appid: row.appid, type: row.type as TicketType, ...ticket }] : [];
    });
  }

  private open(row: AccountTicketEntity): StoredTicket | null {
    try {
      return { ticket: this.box.open(row.ticketSealed), expiresAt: row.expiresAt, fetchedAt: row.fetchedAt };
    } catch (err) {
      this.logger.warn({ appid: row.appid, error: (err as Error).name }, 'stored ticket is unreadable');
      return null;
    }
  }
}
