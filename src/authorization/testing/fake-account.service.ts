import type { AccountService } from '../../account/account.service.js';
import type { KnownAccount, UpsertAuthorizedInput, AccountInfo } from '../../account/account.types.js';
import type { AccountEntity } from '../../account/entities/account.entity.js';
import { NotFoundError } from '../../common/errors/app-errors.js';

interface Row {
  entity: AccountEntity;
  refreshToken: string | null;
}

/** AccountService in memory, with the same rules the authorization flow relies on. */
export class FakeAccountService {
  readonly rows = new Map<string, Row>();
  readonly accessTokens = new Map<string, string>();
  upserts = 0;

  async upsertAuthorized(input: UpsertAuthorizedInput): Promise<AccountEntity> {
    this.upserts++;
    const now = new Date();
    const row = this.rows.get(input.appid) ?? { entity: blank(input.appid, now), refreshToken: null };
    Object.assign(row.entity, { source: 'component', componentAppid: input.componentAppid, status: 'authorized' });
    row.entity.revokedAt = null;
    if (input.info) Object.assign(row.entity, input.info, { infoSyncedAt: now });
    if (input.funcIds) row.entity.funcIds = input.funcIds.join(',');
    if (input.refreshToken) row.refreshToken = input.refreshToken;
    if (input.accessToken) this.accessTokens.set(input.appid, input.accessToken.accessToken);
    this.rows.set(input.appid, row);
    return row.entity;
  }

  async markRevoked(appid: string, at: Date): Promise<void> {
    const row = this.rows.get(appid);
    if (!row) return;
    Object.assign(row.entity, { status: 'revoked', revokedAt: at });
    row.refreshToken = null;
  }

  async get(appid: string): Promise<AccountEntity> {
    const row = this.rows.get(appid);
    if (!row) throw new NotFoundError(`account ${appid} not found`);
    return row.entity;
  }

  async setRefreshToken(appid: string, token: string): Promise<boolean> {
    const row = this.rows.get(appid)!;
    const changed = row.refreshToken !== token;
    row.refreshToken = token;
    return changed;
  }

  async updateInfo(appid: string, info: AccountInfo): Promise<AccountEntity> {
    return Object.assign((await this.get(appid)) as AccountEntity, info);
  }

  async listKnownComponentAccounts(): Promise<KnownAccount[]> {
    return [...this.rows.values()].map((r) => ({
      appid: r.entity.appid,
      status: r.entity.status,
      refreshToken: r.refreshToken,
      infoSynced: r.entity.infoSyncedAt !== null,
    }));
  }

  asService(): AccountService {
    return this as unknown as AccountService;
  }
}

function blank(appid: string, now: Date): AccountEntity {
  return {
    appid,
    componentAppid: null,
    source: 'component',
    kind: 'official_account',
    status: 'authorized',
    nickName: null,
    headImg: null,
    userName: null,
    principalName: null,
    alias: null,
    serviceType: null,
    verifyType: null,
    funcIds: null,
    refreshTokenSealed: null,
    secretSealed: null,
    messageToken: null,
    messageAesKeySealed: null,
    tokenEndpoint: null,
    authorizedAt: now,
    revokedAt: null,
    infoSyncedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}
