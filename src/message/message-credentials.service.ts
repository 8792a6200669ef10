import { Injectable } from '@nestjs/common';
import { AccountService } from '../account/account.service.js';
import { NotFoundError, UnavailableError } from '../common/errors/app-errors.js';
import { ComponentConfig } from '../config/config.types.js';
import { WxBizMsgCrypt } from '../crypto/wx-biz-msg-crypt.js';

/** The credentials that sign and encrypt one account's pushes. */
export interface MessageCrypt {
  crypt: WxBizMsgCrypt;
  /** The component appid for component mode (and unknown appids); null for a directly-managed account. */
  componentAppid: string | null;
}

interface OwnCredentials {
  token: string;
  encodingAesKey: string;
}

/**
 * AccountService.getMessageCredentials (directly-managed accounts registered with a Token and an
 * EncodingAESKey; null otherwise), called only when the account module provides it, so this module
 * does not depend on the order in which the two land.
 */
interface MessageCredentialsReader {
  getMessageCredentials?: (appid: string) => Promise<OwnCredentials | null>;
}

/** The message URL is hot: one account lookup per appid per this long, per instance. */
const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

/**
 * Which Token and EncodingAESKey a push to `/wechat/accounts/:appid/messages` is checked with.
 * Authorizers' pushes, and those for appids the gateway does not know (the release-test accounts),
 * use the component's credentials and carry the component appid in the trailer (pitfall 10);
 * a directly-managed account uses its own, with its own appid.
 */
@Injectable()
export class MessageCredentialsService {
  private readonly component: MessageCrypt | null;
  private readonly cache = new Map<string, { value: Promise<MessageCrypt | null>; expiresAt: number }>();

  constructor(
    config: ComponentConfig,
    private readonly accounts: AccountService,
  ) {
    this.component = config.configured ? { crypt: new WxBizMsgCrypt(config), componentAppid: config.appId } : null;
  }

  async forAppid(appid: string, now = Date.now()): Promise<MessageCrypt> {
    let entry = this.cache.get(appid);
    if (!entry || entry.expiresAt <= now) {
      const value = this.lookup(appid);
      entry = { value, expiresAt: now + TTL_MS };
      this.cache.delete(appid);
      this.cache.set(appid, entry);
      if (this.cache.size > MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
      const mine = entry;
      value.catch(() => {
        if (this.cache.get(appid) === mine) this.cache.delete(appid); // a failed lookup is not remembered
      });
    }
    const found = await entry.value;
    if (found) return found;
    throw new UnavailableError('component not configured: set the WECHAT_COMPONENT_* variables');
  }

  private async lookup(appid: string): Promise<MessageCrypt | null> {
    const own = await this.directCredentials(appid);
    if (!own) return this.component;
    const crypt = new WxBizMsgCrypt({ token: own.token, encodingAesKey: own.encodingAesKey, appId: appid });
    return { crypt, componentAppid: null };
  }

  private async directCredentials(appid: string): Promise<OwnCredentials | null> {
    const reader = this.accounts as unknown as MessageCredentialsReader;
    if (typeof reader.getMessageCredentials !== 'function') return null;
    try {
      return await reader.getMessageCredentials.call(this.accounts, appid);
    } catch (err) {
      if (err instanceof NotFoundError) return null;
      throw err;
    }
  }
}
