import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { SecurityConfig } from '../config/config.types.js';
import { NotFoundError } from '../common/errors/app-errors.js';
import type { ApiScope } from '../common/decorators/auth.decorators.js';
import type { ApiKeyPrincipal } from './api-key.principal.js';
import { ApiKeyEntity } from './entities/api-key.entity.js';

const KEY_PATTERN = /^wog_[a-z0-9]{8}_[A-Za-z0-9_-]{32,}$/;
/** Verified keys are remembered this long, so the busiest routes do not hit the database each time. */
const VERIFY_CACHE_MS = 10_000;
/** last_used_at is written at most this often per key. */
const TOUCH_EVERY_MS = 60_000;

export interface CreatedApiKey {
  entity: ApiKeyEntity;
  /** The key itself: returned once, never stored. */
  key: string;
}

@Injectable()
export class ApiKeyService {
  private readonly logger = new Logger(ApiKeyService.name);
  private readonly verified = new Map<string, { principal: ApiKeyPrincipal | null; until: number }>();
  private readonly bootstrapHash?: Buffer;

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly repo: Repository<ApiKeyEntity>,
    security: SecurityConfig,
  ) {
    if (security.adminApiKey) this.bootstrapHash = sha256(security.adminApiKey);
  }

  async create(name: string, scopes: ApiScope[], allowedAppids: string[] | null): Promise<CreatedApiKey> {
    const prefix = `wog_${randomBytes(6).toString('hex').slice(0, 8)}`;
    const key = `${prefix}_${randomBytes(24).toString('base64url')}`;
    const entity = this.repo.create({
      id: randomUUID(),
      name,
      prefix,
      keyHash: sha256(key).toString('hex'),
      scopes: [...new Set(scopes)].join(' '),
      allowedAppids: allowedAppids && allowedAppids.length > 0 ? [...new Set(allowedAppids)].join(' ') : null,
      createdAt: new Date(),
      lastUsedAt: null,
      revokedAt: null,
    });
    await this.repo.save(entity);
    this.logger.log({ keyId: entity.id, prefix, scopes: entity.scopes }, 'API key created');
    return { entity, key };
  }

  list(): Promise<ApiKeyEntity[]> {
    return this.repo.find({ order: { createdAt: 'DESC' } });
  }

  async revoke(id: string): Promise<ApiKeyEntity> {
    const entity = await this.repo.findOneBy({ id });
    if (!entity) throw new NotFoundError(`API key ${id} not found`);
    if (!entity.revokedAt) {
      entity.revokedAt = new Date();
      await this.repo.save(entity);
      this.logger.log({ keyId: id, prefix: entity.prefix }, 'API key revoked');
    }
    this.verified.clear();
    return entity;
  }

  /** The principal behind a presented key, or null. Revocations reach other instances within VERIFY_CACHE_MS. */
  async verify(presented: string): Promise<ApiKeyPrincipal | null> {
    const hash = sha256(presented);
    if (this.bootstrapHash && timingSafeEqual(hash, this.bootstrapHash)) {
      return { keyId: 'bootstrap', name: 'GATEWAY_ADMIN_API_KEY', scopes: ['admin'], allowedAppids: null };
    }
    if (!KEY_PATTERN.test(presented)) return null;
    const hex = hash.toString('hex');
    const cached = this.verified.get(hex);
    if (cached && cached.until > Date.now()) return cached.principal;
    const entity = await this.repo.findOneBy({ keyHash: hex, revokedAt: IsNull() });
    const principal = entity ? toPrincipal(entity) : null;
    if (this.verified.size > 10_000) this.verified.clear();
    this.verified.set(hex, { principal, until: Date.now() + VERIFY_CACHE_MS });
    if (entity) this.touch(entity);
    return principal;
  }

  private touch(entity: ApiKeyEntity): void {
    if (entity.lastUsedAt && Date.now() - entity.lastUsedAt.getTime() < TOUCH_EVERY_MS) return;
    this.repo.update({ id: entity.id }, { lastUsedAt: new Date() }).catch((err: Error) => {
      this.logger.warn({ keyId: entity.id, err: err.message }, 'could not record API key use');
    });
  }
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

function toPrincipal(e: ApiKeyEntity): ApiKeyPrincipal {
  return {
    keyId: e.id,
    name: e.name,
    scopes: e.scopes.split(' ').filter(Boolean) as ApiScope[],
    allowedAppids: e.allowedAppids ? e.allowedAppids.split(' ').filter(Boolean) : null,
  };
}
