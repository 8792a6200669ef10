import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { BadInputError, NotFoundError } from '../common/errors/app-errors.js';
import { SecretBox } from '../crypto/secret-box.js';
import { AccountConflictError, AccountNotAuthorizedError } from './account.errors.js';
import { newAccountRow } from './account-row.js';
import type { DirectCredentials, MessageCredentials, RegisterDirectInput } from './account.types.js';
import { AccountEntity } from './entities/account.entity.js';

/**
 * Accounts the gateway manages with their own appid + secret (not through the third-party platform).
 * The secret and the EncodingAESKey are sealed at rest and only ever opened for the one call that
 * needs them; logs carry appids only.
 */
@Injectable()
export class DirectAccountService {
  private readonly logger = new Logger(DirectAccountService.name);

  constructor(
    @InjectRepository(AccountEntity) private readonly repo: Repository<AccountEntity>,
    private readonly box: SecretBox,
  ) {}

  /** Creates the account, or replaces the credentials of a direct one; `created` tells which. */
  async register(input: RegisterDirectInput): Promise<{ account: AccountEntity; created: boolean }> {
    if ((input.messageToken === undefined) !== (input.encodingAesKey === undefined)) {
      throw new BadInputError('token and aes_key: give both (message server configuration) or neither');
    }
    const now = new Date();
    const existing = await this.repo.findOneBy({ appid: input.appid });
    if (existing && existing.source !== 'direct') {
      throw new AccountConflictError(
        `account ${input.appid} is managed through the third-party platform ${existing.componentAppid ?? ''}; ` +
          'it cannot also be registered directly',
      );
    }
    const row = existing ?? newAccountRow(input.appid, now);
    Object.assign(row, {
      source: 'direct',
      componentAppid: null,
      kind: input.kind,
      status: 'authorized',
      secretSealed: this.box.seal(input.secret),
      messageToken: input.messageToken ?? null,
      messageAesKeySealed: input.encodingAesKey === undefined ? null : this.box.seal(input.encodingAesKey),
      tokenEndpoint: input.tokenEndpoint ?? 'stable',
      authorizedAt: row.authorizedAt ?? now,
      revokedAt: null,
      updatedAt: now,
    });
    const account = await this.repo.save(row);
    this.logger.log(
      { appid: input.appid, kind: input.kind, tokenEndpoint: row.tokenEndpoint, updated: existing !== null },
      'direct account registered',
    );
    return { account, created: existing === null };
  }

  async credentials(appid: string): Promise<DirectCredentials> {
    const row = await this.repo.findOneBy({ appid });
    if (!row) throw new NotFoundError(`account ${appid} not found`);
    if (row.source !== 'direct' || !row.secretSealed) {
      throw new BadInputError(`account ${appid} is not a directly-managed account`);
    }
    if (row.status !== 'authorized') throw new AccountNotAuthorizedError(appid);
    return { appid, secret: this.box.open(row.secretSealed), tokenEndpoint: row.tokenEndpoint ?? 'stable' };
  }

  /** Null unless the account is direct and was registered with a message token and AES key. */
  async messageCredentials(appid: string): Promise<MessageCredentials | null> {
    const row = await this.repo.findOneBy({ appid });
    if (row?.source !== 'direct' || !row.messageToken || !row.messageAesKeySealed) return null;
    try {
      return { token: row.messageToken, encodingAesKey: this.box.open(row.messageAesKeySealed) };
    } catch {
      this.logger.error({ appid }, 'stored EncodingAESKey cannot be opened (secret key changed?)');
      return null;
    }
  }
}
