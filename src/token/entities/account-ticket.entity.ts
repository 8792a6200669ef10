import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The jsapi_ticket or wx_card api_ticket of one account (§4.14), sealed. Migration 1763856000000. */
@Entity('account_tickets')
export class AccountTicketEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  appid!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  type!: string;

  @Column({ name: 'ticket_sealed', type: 'text' })
  ticketSealed!: string;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ name: 'fetched_at', type: 'datetime', precision: 3 })
  fetchedAt!: Date;
}
