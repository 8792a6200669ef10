import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The current access token of one account: authorizer_access_token (component accounts, §4.5) or the
 * stable_token / cgi-bin/token of a directly-managed one (§4.13). Migration 1763856000000.
 */
@Entity('account_tokens')
export class AccountTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  appid!: string;

  /** Sealed with SecretBox; compare-and-delete matches this exact sealed text. */
  @Column({ name: 'access_token_sealed', type: 'text' })
  accessTokenSealed!: string;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;

  /** When the WeChat call that issued it started: a later fetch wins, an earlier one never overwrites. */
  @Column({ name: 'fetched_at', type: 'datetime', precision: 3 })
  fetchedAt!: Date;
}
