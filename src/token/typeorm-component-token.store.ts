import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { SecretBox } from '../crypto/secret-box.js';
import { ComponentTokenStore, type StoredComponentToken } from './component-token.store.js';
import { ComponentTokenEntity } from './entities/component-token.entity.js';

const DUPLICATE_KEY_CODES = new Set(['ER_DUP_ENTRY', 'SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE']);

function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  return DUPLICATE_KEY_CODES.has(String(e.driverError?.code ?? e.code));
}

/**
 * Portable newest-wins (SQLite and MySQL): UPDATE only over an older fetched_at, else INSERT, and
 * after losing an INSERT race the conditional UPDATE again.
 */
@Injectable()
export class TypeOrmComponentTokenStore extends ComponentTokenStore {
  private readonly logger = new Logger(TypeOrmComponentTokenStore.name);

  constructor(
    @InjectRepository(ComponentTokenEntity) private readonly repo: Repository<ComponentTokenEntity>,
    private readonly box: SecretBox,
  ) {
    super();
  }

  async find(componentAppid: string): Promise<StoredComponentToken | null> {
    const row = await this.repo.findOneBy({ componentAppid });
    return row ? this.open(row) : null;
  }

  async saveIfNewer(componentAppid: string, token: StoredComponentToken): Promise<boolean> {
    const values = {
      accessTokenSealed: this.box.seal(token.accessToken),
      expiresAt: token.expiresAt,
      fetchedAt: token.fetchedAt,
    };
    const update = async () =>
      ((await this.repo.update({ componentAppid, fetchedAt: LessThan(token.fetchedAt) }, values)).affected ?? 0) > 0;
    if (await update()) return true;
    try {
      await this.repo.insert({ componentAppid, ...values });
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return update();
    }
  }

  async deleteIfCurrent(componentAppid: string, accessToken: string): Promise<boolean> {
    const row = await this.repo.findOneBy({ componentAppid });
    if (!row || this.open(row)?.accessToken !== accessToken) return false;
    // Sealing uses a random IV, so the sealed text identifies this very write: a newer token is never hit.
    const result = await this.repo.delete({ componentAppid, accessTokenSealed: row.accessTokenSealed });
    return (result.affected ?? 0) > 0;
  }

  private open(row: ComponentTokenEntity): StoredComponentToken | null {
    try {
      return { accessToken: this.box.open(row.accessTokenSealed), expiresAt: row.expiresAt, fetchedAt: row.fetchedAt };
    } catch (err) {
      // Sealed under another GATEWAY_SECRET_KEY: treated as absent, the next fetch overwrites it.
      this.logger.warn({ error: (err as Error).name }, 'stored component_access_token is unreadable');
      return null;
    }
  }
}
