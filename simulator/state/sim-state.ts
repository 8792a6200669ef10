import type { SimClock } from '../core/clock.js';
import type { AccountKind, ResolvedOptions, SeedAccount } from '../options.js';
import { releaseTestAccounts } from '../seed-data.js';
import { AuthorizationStore } from './authorizations.js';
import { CodeRegistry } from './code-registry.js';
import { TicketStore } from './tickets.js';
import { TokenRegistry } from './token-registry.js';

export interface MediaRecord {
  mediaId: string;
  appid: string;
  type: string;
  filename: string;
  contentType: string;
  data: Buffer;
  createdAt: number;
}

export interface CustomMessageRecord {
  appid: string;
  tokenKind: string;
  token: string;
  touser: string;
  msgtype: string;
  /** text.content for text messages, else undefined. */
  content?: string;
  body: Record<string, unknown>;
  time: number;
}

export interface WxaState {
  committed?: { templateId: string; userVersion: string; extJson?: string };
  audit?: { auditid: number; status: 0 | 1 | 2 | 3; reason?: string };
  released?: string;
  domains: Record<string, string[]>;
}

/** Everything the four listeners share. Tests may read it (`sim.state`) for assertions. */
export class SimState {
  readonly tickets: TicketStore;
  readonly tokens: TokenRegistry;
  readonly codes: CodeRegistry;
  readonly authorizations: AuthorizationStore;
  readonly accounts = new Map<string, SeedAccount>();
  readonly directSecrets = new Map<string, { secret: string; kind: AccountKind }>();
  readonly media = new Map<string, MediaRecord>();
  readonly menus = new Map<string, unknown>();
  /** jsapi / wx_card tickets by `appid type`. */
  readonly jsTickets = new Map<string, { ticket: string; expiresAt: number }>();
  readonly wxa = new Map<string, WxaState>();
  readonly templateMessages: CustomMessageRecord[] = [];
  readonly customMessages: CustomMessageRecord[] = [];
  /** Times of stable_token force refreshes per appid (20 a day, >= 30 s apart). */
  readonly stableForceRefreshes = new Map<string, number[]>();
  readonly quotaUsed = new Map<string, number>();
  readonly clearQuotaUses = new Map<string, number>();

  constructor(
    readonly clock: SimClock,
    options: ResolvedOptions,
  ) {
    const lifetimes = () => ({ tokenTtlSec: options.tokenTtlSec, overlapSec: options.overlapSec });
    this.tickets = new TicketStore(clock);
    this.tokens = new TokenRegistry(clock, lifetimes);
    this.codes = new CodeRegistry(clock);
    this.authorizations = new AuthorizationStore(clock, () => options.overlapSec);
    for (const account of [...releaseTestAccounts(), ...options.seedAccounts])
      this.accounts.set(account.appid, account);
    for (const direct of options.directAccounts) {
      this.directSecrets.set(direct.appid, { secret: direct.secret, kind: direct.kind ?? 'oa' });
    }
  }

  account(appid: string | undefined): SeedAccount | undefined {
    return appid === undefined ? undefined : this.accounts.get(appid);
  }

  accountKind(appid: string): AccountKind | undefined {
    return this.accounts.get(appid)?.kind ?? this.directSecrets.get(appid)?.kind;
  }

  wxaOf(appid: string): WxaState {
    let state = this.wxa.get(appid);
    if (!state) {
      state = { domains: { requestdomain: [], wsrequestdomain: [], uploaddomain: [], downloaddomain: [] } };
      this.wxa.set(appid, state);
    }
    return state;
  }

  /** Counts one use of an API by an account, for openapi/quota/get. */
  countQuota(appid: string, path: string): void {
    const key = `${appid} ${path}`;
    this.quotaUsed.set(key, (this.quotaUsed.get(key) ?? 0) + 1);
  }
}
