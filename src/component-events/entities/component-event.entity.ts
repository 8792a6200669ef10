import { Column, Entity, PrimaryColumn } from 'typeorm';

const unixSeconds = { to: (v: number) => v, from: (v: string | number) => Number(v) };

/** One authentic push to the authorization event URL, kept before it is acted on. */
@Entity('component_events')
export class ComponentEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'component_appid', type: 'varchar', length: 32 })
  componentAppid!: string;

  @Column({ name: 'info_type', type: 'varchar', length: 64 })
  infoType!: string;

  @Column({ name: 'authorizer_appid', type: 'varchar', length: 32, nullable: true })
  authorizerAppid!: string | null;

  @Column({ name: 'create_time', type: 'bigint', transformer: unixSeconds })
  createTime!: number;

  /** The decrypted fields as JSON, with the ticket and authorization codes replaced by "***". */
  @Column({ type: 'text' })
  payload!: string;

  @Column({ name: 'received_at', type: 'datetime', precision: 3 })
  receivedAt!: Date;

  @Column({ name: 'processed_at', type: 'datetime', precision: 3, nullable: true })
  processedAt!: Date | null;

  @Column({ type: 'varchar', length: 512, nullable: true })
  error!: string | null;
}
