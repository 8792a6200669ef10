import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotFoundError } from '../common/errors/app-errors.js';
import { SecretBox } from '../crypto/secret-box.js';
import type { AccountCredentialsHook } from './account-credentials.hook.js';
import { AccountNeedsReauthorizationError, AccountNotAuthorizedError } from './account.errors.js';
import { newAccountRow } from './account-row.js';
import { AccountTransactions } from './account-transactions.js';
import {
  formatFuncIds,
  type AccountInfo,
  type AccountPage,
  type DirectCredentials,
  type IssuedAccessToken,
  type KnownAccount,
  type ListAccountsQuery,
  type MessageCredentials,
  type RegisterDirectInput,
  type UpsertAuthorizedInput,
} from './account.types.js';
import { DirectAccountService } from './direct-account.service.js';
import { AccountEntity } from './entities/account.entity.js';

/** Accounts and their sealed refresh tokens and secrets. Never logs a token or secret: appids only. */
@Injectable()
export class AccountService {
  private readonly logger = new Logger(AccountService.name);
  private readonly tx: AccountTransactions;
  private hook?: AccountCredentialsHook;

  constructor(
    @InjectRepository(AccountEntity) private readonly repo: Repository<AccountEntity>,
    private readonly box: SecretBox,
    private readonly direct: DirectAccountService,
  ) {
    this.tx = new AccountTransactions(repo.manager);
  }

  /** Called once by the token module at start: where access tokens are written and purged. */
  registerCredentialsHook(hook: AccountCredentialsHook): void {
    this.hook = hook;
  }

  /** One row per appid: creates it or brings it back to `authorized` (a new authorization restores a revoked one). */
  async upsertAuthorized(input: UpsertAuthorizedInput): Promise<AccountEntity> {
    const now = new Date();
    const saved = await this.tx.run(async (em) => {
      const repo = em.getRepository(AccountEntity);
      const row = (await repo.findOneBy({ appid: input.appid })) ?? newAccountRow(input.appid, now);
      Object.assign(row, { source: 'component', componentAppid: input.componentAppid, status: 'authorized' });
      row.authorizedAt = input.authorizedAt ?? row.authorizedAt ?? now;
      row.revokedAt = null;
      if (input.info) applyInfo(row, input.info, now);
      if (input.funcIds) row.funcIds = formatFuncIds(input.funcIds);
      if (input.refreshToken) this.writeRefreshToken(row, input.refreshToken);
      row.updatedAt = now;
      const result = await repo.save(row);
      if (input.accessToken) await this.requireHook().saveAccessToken(em, input.appid, input.accessToken);
      return result;
    });
    this.logger.log({ appid: saved.appid, kind: saved.kind }, 'account stored as authorized');
    return saved;
  }

  /**
   * Stores what api_authorizer_token / stable_token / cgi-bin/token returned: the refresh token (when
   * it changed) and the access token in one transaction, before anyone uses the token (pitfall 6).
   */
  async saveIssuedTokens(appid: string, issued: { accessToken: IssuedAccessToken; refreshToken?: string }) {
    await this.tx.run(async (em) => {
      const repo = em.getRepository(AccountEntity);
      const row = await repo.findOneBy({ appid });
      if (!row) throw new NotFoundError(`account ${appid} not found`);
      // Revoked while the WeChat call was in flight: the token must not be stored (pitfall 14).
      if (row.status === 'revoked') throw new AccountNotAuthorizedError(appid);
      if (issued.refreshToken && this.writeRefreshToken(row, issued.refreshToken)) {
        row.updatedAt = new Date();
        await repo.save(row);
      }
      await this.requireHook().saveAccessToken(em, appid, issued.accessToken);
    });
  }

  /** The owner revoked: nothing may refresh or use its tokens any more (pitfall 14). Unknown appids are ignored. */
  async markRevoked(appid: string, at: Date): Promise<void> {
    const known = await this.tx.run(async (em) => {
      await this.hook?.purge(em, appid);
      const repo = em.getRepository(AccountEntity);
      const row = await repo.findOneBy({ appid });
      if (!row) return false;
      Object.assign(row, { status: 'revoked', revokedAt: at, refreshTokenSealed: null, updatedAt: new Date() });
      await repo.save(row);
      return true;
    });
    if (known) this.logger.log({ appid }, 'account revoked; its tokens and tickets deleted');
    else this.logger.warn({ appid }, 'revocation of an unknown account ignored');
  }

  /** Recovery of a rejected refresh token failed: only a new authorization helps (pitfall 5). */
  async markNeedsReauthorization(appid: string): Promise<void> {
    const result = await this.repo.update(
      { appid, status: 'authorized' },
      { status: 'needs_reauthorization', updatedAt: new Date() },
    );
    if (result.affected) this.logger.error({ appid }, 'account needs re-authorization: refresh token unrecoverable');
  }

  async get(appid: string): Promise<AccountEntity> {
    const row = await this.repo.findOneBy({ appid });
    if (!row) throw new NotFoundError(`account ${appid} not found`);
    return row;
  }

  /** The account, when tokens may be served and refreshed for it; a clear error otherwise. */
  async getUsable(appid: string): Promise<AccountEntity> {
    const row = await this.get(appid);
    if (row.status === 'revoked') throw new AccountNotAuthorizedError(appid);
    if (row.status === 'needs_reauthorization') throw new AccountNeedsReauthorizationError(appid);
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

  /** Deletes the row, its tokens and tickets; WeChat's authorization itself stays until the owner revokes. */
  async remove(appid: string): Promise<AccountEntity> {
    const row = await this.get(appid);
    await this.tx.run(async (em) => {
      await em.getRepository(AccountEntity).delete({ appid });
      await this.hook?.purge(em, appid);
    });
    this.logger.log({ appid }, 'account removed');
    return row;
  }

  async getRefreshToken(appid: string): Promise<string | null> {
    return this.openRefreshToken(await this.get(appid));
  }

  /** Stores a refresh token WeChat handed out (the list, the info); true when it changed. */
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

  registerDirect(input: RegisterDirectInput): Promise<{ account: AccountEntity; created: boolean }> {
    return this.direct.register(input);
  }

  getDirectCredentials(appid: string): Promise<DirectCredentials> {
    return this.direct.credentials(appid);
  }

  /** For the message module: only direct accounts registered with a message token and AES key; else null. */
  getMessageCredentials(appid: string): Promise<MessageCredentials | null> {
    return this.direct.messageCredentials(appid);
  }

  private requireHook(): AccountCredentialsHook {
    if (!this.hook) throw new Error('no token store registered: TokenModule must be imported to store access tokens');
    return this.hook;
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
      // Sealed under another GATEWAY_SECRET_KEY: as good as lost; recovery or reconciliation can fix it.
      this.logger.error({ appid: row.appid }, 'stored refresh token cannot be opened (secret key changed?)');
      return null;
    }
  }
}

function applyInfo(row: AccountEntity, info: AccountInfo, now: Date): void {
  Object.assign(row, info);
  row.infoSyncedAt = now;
}
