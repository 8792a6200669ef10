import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AccountService } from '../account/account.service.js';
import { AccountTicketStore } from './account-ticket.store.js';
import { AccountTokenService } from './account-token.service.js';
import { AccountTokenStore } from './account-token.store.js';
import { JsapiTicketService } from './jsapi-ticket.service.js';

/**
 * Wires the token tables into the account module's transactions (it cannot import this module):
 * access tokens written with their refresh token, tokens and tickets purged with a revocation.
 */
@Injectable()
export class AccountCredentialsBinding implements OnModuleInit {
  constructor(
    private readonly accounts: AccountService,
    private readonly tokenStore: AccountTokenStore,
    private readonly ticketStore: AccountTicketStore,
    private readonly tokens: AccountTokenService,
    private readonly tickets: JsapiTicketService,
  ) {}

  onModuleInit(): void {
    this.accounts.registerCredentialsHook({
      saveAccessToken: async (em, appid, token) => {
        if (await this.tokenStore.saveIfNewer(appid, token, em)) this.tokens.remember(appid, token);
      },
      purge: async (em, appid) => {
        await this.tokenStore.deleteAll(appid, em);
        await this.ticketStore.deleteAll(appid, em);
        this.tokens.forget(appid);
        this.tickets.forget(appid);
      },
    });
    this.tokens.onInvalidated((appid) => this.tickets.drop(appid));
  }
}
