import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotFoundError } from '../common/errors/app-errors.js';
import { SecretBox } from '../crypto/secret-box.js';
import {
  formatFuncIds,
  type AccountInfo,
  type AccountPage,
  type KnownAccount,
  type ListAccountsQuery,
  type UpsertAuthorizedInput,
} from './account.types.js';
import { AuthorizerTokenCache } from './authorizer-token.cache.js';
import { AccountEntity } from './entities/account.entity.js';

/** Accounts and their sealed refresh tokens. Never logs a token: appids only. */
@Injectable()
export class AccountService {
  private readonly logger = new Logger(AccountService.name);

  constructor(
    @InjectRepository(AccountEntity) private readonly repo: Repository<AccountEntity>,
    private readonly box: SecretBox,
    private readonly tokens: AuthorizerTokenCache,
  ) {}

  /** One row per appid: creates it or brings it back to `authorized` (a new authorization restores a revoked one). */
  async upsertAuthorized(input: UpsertAuthorizedInput): Promise<AccountEntity> {
    const now = new Date();
    const row = (await this.repo.findOneBy({ appid: input.appid })) ?? this.newRow(input.appid, now);
    row.source = 'component';
    row.componentAppid = input.componentAppid;
    row.status = 'authorized';
    row.authorizedAt = input.authorizedAt ?? row.authorizedAt ?? now;
    row.revokedAt = null;
    if (input.info) applyInfo(row, input.info, now);
    if (input.funcIds) row.funcIds = formatFuncIds(input.funcIds);
    if (input.refreshToken) this.writeRefreshToken(row, input.refreshToken);
    row.updatedAt = now;
    const saved = await this.repo.save(row);
    this.logger.log({ appid: row.appid, kind: row.kind }, 'account stored as authorized');
    return saved;
  }

  /** The owner revoked: nothing may refresh or use its tokens any more (pitfall 14). Unknown appids are ignored. */
  async markRevoked(appid: string, at: Date): Promise<void> {
    const row = await this.repo.findOneBy({ appid });
    await this.tokens.drop(appid);
    if (!row) {
      this.logger.warn({ appid }, 'revocation of an unknown account ignored');
      return;
    }
    row.status = 'revoked';
    row.revokedAt = at;
    row.refreshTokenSealed = null;
    row.updatedAt = new Date();
    await this.repo.save(row);
    this.logger.log({ appid }, 'account revoked');
  }

  async get(appid: string): Promise<AccountEntity> {
    const row = await this.repo.findOneBy({ appid });
    if (!row) throw new NotFoundError(`account ${appid} not found`);
    return row;
  }

  async list(q: ListAccountsQuery): Promise<AccountPage<AccountEntity>> {
    const where = {
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.source ? { source: q.source } : {}),
      ...(q.status ? { status: q.status } : {}),
    };
    const [items, total] = await this.repo.findAndCount({
      where,
      order: { createdAt: 'ASC', appid: 'ASC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /** Deletes the row (and its cached token); WeChat's authorization itself stays until the owner revokes. */
  async remove(appid: string): Promise<AccountEntity> {
    const row = await this.get(appid);
    await this.repo.delete({ appid });
    await this.tokens.drop(appid);
    this.logger.log({ appid }, 'account removed');
    return row;
  }

  async getRefreshToken(appid: string): Promise<string | null> {
    return this.openRefreshToken(await this.get(appid));
  }

  /** Stores a refresh token WeChat handed out (api_authorizer_token, the list, the info); true when it changed. */
  async setRefreshToken(appid: string, token: string): Promise<boolean> {
    const row = await this.get(appid);
    if (!this.writeRefreshToken(row, token)) return false;
    row.updatedAt = new Date();
    await this.repo.save(row);
    return true;
  }

  async updateInfo(appid: string, info: AccountInfo): Promise<AccountEntity> {
    const row = await this.get(appid);
    const now = new Date();
    applyInfo(row, info, now);
    row.updatedAt = now;
    return this.repo.save(row);
  }

  /** Keeps the authorizer_access_token api_query_auth handed out (interim: see AuthorizerTokenCache). */
  saveAuthorizerAccessToken(appid: string, accessToken: string, expiresInSec: number): Promise<void> {
    return this.tokens.save(appid, accessToken, expiresInSec);
  }

  /** Component accounts of one component, with their refresh tokens, for reconciliation. */
  async listKnownComponentAccounts(componentAppid: string): Promise<KnownAccount[]> {
    const rows = await this.repo.findBy({ source: 'component', componentAppid });
    return rows.map((row) => ({
      appid: row.appid,
      status: row.status,
      refreshToken: this.openRefreshToken(row),
      infoSynced: row.infoSyncedAt !== null,
    }));
  }

  /** Seals `token` into the row when it differs from the stored one; logs the rotation, never the token. */
  private writeRefreshToken(row: AccountEntity, token: string): boolean {
    const current = this.openRefreshToken(row);
    if (current === token) return false;
    if (current !== null) this.logger.log({ appid: row.appid }, 'authorizer refresh token rotated');
    row.refreshTokenSealed = this.box.seal(token);
    return true;
  }

  private openRefreshToken(row: AccountEntity): string | null {
    if (!row.refreshTokenSealed) return null;
    try {
      return this.box.open(row.refreshTokenSealed);
    } catch {
      // Sealed under another GATEWAY_SECRET_KEY: as good as lost; reconciliation can recover it.
      this.logger.error({ appid: row.appid }, 'stored refresh token cannot be opened (secret key changed?)');
      return null;
    }
  }

  private newRow(appid: string, now: Date): AccountEntity {
    return this.repo.create({
      appid,
      kind: 'official_account',
      nickName: null,
      headImg: null,
      userName: null,
      principalName: null,
      alias: null,
      serviceType: null,
      verifyType: null,
      funcIds: null,
      refreshTokenSealed: null,
      infoSyncedAt: null,
      createdAt: now,
    });
  }
}

function applyInfo(row: AccountEntity, info: AccountInfo, now: Date): void {
  Object.assign(row, info);
  row.infoSyncedAt = now;
}
