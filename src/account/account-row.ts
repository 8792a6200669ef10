import { AccountEntity } from './entities/account.entity.js';

/** A row with every optional column empty; the caller sets source, kind, status and credentials. */
export function newAccountRow(appid: string, now: Date): AccountEntity {
  return Object.assign(new AccountEntity(), {
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
    authorizedAt: null,
    revokedAt: null,
    infoSyncedAt: null,
    createdAt: now,
    updatedAt: now,
  } satisfies AccountEntity);
}
