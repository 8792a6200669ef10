import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AccountKind, AccountSource, AccountStatus, TokenEndpoint } from '../account.types.js';

/**
 * An official account or mini program the gateway acts for (table `accounts`, migration
 * 1763769700000-CreateAccounts). The refresh token is sealed with SecretBox and lives here, never
 * only in a cache (pitfall 5).
 */
@Entity('accounts')
export class AccountEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  appid!: string;

  /** The component the account authorized; null for directly-managed accounts. */
  @Column({ name: 'component_appid', type: 'varchar', length: 32, nullable: true })
  componentAppid!: string | null;

  @Column({ type: 'varchar', length: 16 })
  source!: AccountSource;

  @Column({ type: 'varchar', length: 24 })
  kind!: AccountKind;

  @Column({ type: 'varchar', length: 24 })
  status!: AccountStatus;

  @Column({ name: 'nick_name', type: 'varchar', length: 255, nullable: true })
  nickName!: string | null;

  @Column({ name: 'head_img', type: 'varchar', length: 1024, nullable: true })
  headImg!: string | null;

  /** Original id, `gh_…`. */
  @Column({ name: 'user_name', type: 'varchar', length: 64, nullable: true })
  userName!: string | null;

  @Column({ name: 'principal_name', type: 'varchar', length: 255, nullable: true })
  principalName!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  alias!: string | null;

  @Column({ name: 'service_type', type: 'int', nullable: true })
  serviceType!: number | null;

  @Column({ name: 'verify_type', type: 'int', nullable: true })
  verifyType!: number | null;

  /** Granted permission sets (func_info ids), comma-separated; see parseFuncIds(). */
  @Column({ name: 'func_ids', type: 'varchar', length: 512, nullable: true })
  funcIds!: string | null;

  /** `SecretBox.seal(authorizer_refresh_token)`; null once revoked or when WeChat gave none. */
  @Column({ name: 'refresh_token_sealed', type: 'text', nullable: true })
  refreshTokenSealed!: string | null;

  /** Direct accounts: `SecretBox.seal(appsecret)`; null for component accounts. Never leaves the gateway. */
  @Column({ name: 'secret_sealed', type: 'text', nullable: true })
  secretSealed!: string | null;

  /** Direct accounts: the message server token (signature check), when registered. */
  @Column({ name: 'message_token', type: 'varchar', length: 64, nullable: true })
  messageToken!: string | null;

  /** Direct accounts: `SecretBox.seal(EncodingAESKey)`, when registered. */
  @Column({ name: 'message_aes_key_sealed', type: 'text', nullable: true })
  messageAesKeySealed!: string | null;

  /** Direct accounts: stable_token (default) or the classic cgi-bin/token; null for component accounts. */
  @Column({ name: 'token_endpoint', type: 'varchar', length: 16, nullable: true })
  tokenEndpoint!: TokenEndpoint | null;

  @Column({ name: 'authorized_at', type: 'datetime', precision: 3, nullable: true })
  authorizedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;

  /** Last api_get_authorizer_info read; null when the info could not be read yet. */
  @Column({ name: 'info_synced_at', type: 'datetime', precision: 3, nullable: true })
  infoSyncedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
