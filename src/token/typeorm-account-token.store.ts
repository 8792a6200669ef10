import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository, type EntityManager } from 'typeorm';
import { SecretBox } from '../crypto/secret-box.js';
import { AccountTokenStore, type ExpiringAccountToken, type StoredAccountToken } from './account-token.store.js';
import { AccountTokenEntity } from './entities/account-token.entity.js';
import { saveNewest } from './newest-wins.js';

@Injectable()
export class TypeOrmAccountTokenStore extends AccountTokenStore {
  private readonly logger = new Logger(TypeOrmAccountTokenStore.name);

  constructor(
    @InjectRepository(AccountTokenEntity) private readonly repo: Repository<AccountTokenEntity>,
    private readonly box: SecretBox,
  ) {
    super();
  }

  async find(appid: string): Promise<StoredAccountToken | null> {
    const row = await this.repo.findOneBy({ appid });
    return row ? this.open(row) : null;
  }

  saveIfNewer(appid: string, token: StoredAccountToken, em?: EntityManager): Promise<boolean> {
    return saveNewest(
      this.repoOf(em),
      { appid },
      {
        accessTokenSealed: this.box.seal(token.accessToken),
        expiresAt: token.expiresAt,
        fetchedAt: token.fetchedAt,
      },
    );
  }

  async deleteIfCurrent(appid: string, accessToken: string): Promise<boolean> {
    const row = await this.repo.findOneBy({ appid });
    if (!row || this.open(row)?.accessToken !== accessToken) return false;
    // Sealing uses a random IV, so the sealed text identifies this very write: a newer token is never hit.
    const result = await this.repo.delete({ appid, accessTokenSealed: row.accessTokenSealed });
    return (result.affected ?? 0) > 0;
  }

  async deleteAll(appid: string, em?: EntityManager): Promise<void> {
    await this.repoOf(em).delete({ appid });
  }

  async listExpiringBefore(before: Date, limit: number): Promise<ExpiringAccountToken[]> {
    const rows = await this.repo.find({
      where: { expiresAt: LessThan(before) },
      order: { expiresAt: 'ASC' },
      take: limit,
    });
    return rows.flatMap((row) => {
      const token = this.open(row);
      return token ? [{ appid: row.appid, ...token }] : [];
    });
  }

  private repoOf(em?: EntityManager): Repository<AccountTokenEntity> {
    return em ? em.getRepository(AccountTokenEntity) : this.repo;
  }

  private open(row: AccountTokenEntity): StoredAccountToken | null {
    try {
      return { accessToken: this.box.open(row.accessTokenSealed), expiresAt: row.expiresAt, fetchedAt: row.fetchedAt };
    } catch (err) {
      // Sealed under another GATEWAY_SECRET_KEY: treated as absent, the next fetch overwrites it.
      this.logger.warn({ appid: row.appid, error: (err as Error).name }, 'stored account access token is unreadable');
      return null;
    }
  }
}
