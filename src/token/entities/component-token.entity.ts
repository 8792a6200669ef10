import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The current component_access_token of one third-party platform (wechat-open-platform.md §4.1). */
@Entity('component_tokens')
export class ComponentTokenEntity {
  @PrimaryColumn({ name: 'component_appid', type: 'varchar', length: 32 })
  componentAppid!: string;

  /** Sealed with SecretBox; compare-and-delete matches this exact sealed text. */
  @Column({ name: 'access_token_sealed', type: 'text' })
  accessTokenSealed!: string;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;

  /** When the WeChat call that issued it started: a later fetch wins, an earlier one never overwrites. */
  @Column({ name: 'fetched_at', type: 'datetime', precision: 3 })
  fetchedAt!: Date;
}
