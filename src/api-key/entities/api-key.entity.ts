import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An internal app's API key. Only the SHA-256 of the key is stored; the key itself is shown once. */
@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  /** The key's public start (`wog_ab12cd34`), to recognise it in lists and logs. */
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash!: string;

  /** Space-separated scopes. */
  @Column({ type: 'varchar', length: 512 })
  scopes!: string;

  /** Space-separated appids this key may act on; null means any. */
  @Column({ name: 'allowed_appids', type: 'text', nullable: true })
  allowedAppids!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'datetime', precision: 3, nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;
}
