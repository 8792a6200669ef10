import { Column, Entity, PrimaryColumn, type ValueTransformer } from 'typeorm';

/** MySQL hands BIGINT back as a string (bigNumberStrings); unix seconds fit a JS number safely. */
const BIGINT_AS_NUMBER: ValueTransformer = {
  to: (value: number) => value,
  from: (value: string | number | null) => (value === null ? value : Number(value)),
};

/** The latest component_verify_ticket of one third-party platform (wechat-open-platform.md §3.1). */
@Entity('component_tickets')
export class ComponentTicketEntity {
  @PrimaryColumn({ name: 'component_appid', type: 'varchar', length: 32 })
  componentAppid!: string;

  /** Sealed with SecretBox: a ticket lets anyone holding the app secret mint component tokens. */
  @Column({ name: 'ticket_sealed', type: 'text' })
  ticketSealed!: string;

  /** CreateTime of the push, unix seconds. */
  @Column({ name: 'create_time', type: 'bigint', transformer: BIGINT_AS_NUMBER })
  createTime!: number;

  @Column({ name: 'received_at', type: 'datetime', precision: 3 })
  receivedAt!: Date;
}
