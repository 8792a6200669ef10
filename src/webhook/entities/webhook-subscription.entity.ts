import { Column, Entity, PrimaryColumn } from 'typeorm';

export type WebhookMode = 'reply' | 'async';
export const WEBHOOK_MODES: readonly WebhookMode[] = ['reply', 'async'];

/** An internal app's subscription to messages and events. The signing secret is sealed at rest. */
@Entity('webhook_subscriptions')
export class WebhookSubscriptionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  /** SecretBox-sealed HMAC secret. */
  @Column({ name: 'secret_sealed', type: 'text' })
  secretSealed!: string;

  @Column({ type: 'varchar', length: 8 })
  mode!: WebhookMode;

  /** Space-separated MsgTypes (lower case); null: every type. */
  @Column({ name: 'msg_types', type: 'varchar', length: 512, nullable: true })
  msgTypes!: string | null;

  /** Space-separated Event names (lower case); null: every event. */
  @Column({ type: 'varchar', length: 2048, nullable: true })
  events!: string | null;

  /** Space-separated appids; null: every account. */
  @Column({ type: 'text', nullable: true })
  appids!: string | null;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
