import { Injectable, Logger } from '@nestjs/common';
import { Lock } from '../cache/lock.js';
import { TokenConfig } from '../config/config.types.js';
import { createJssdkConfig, type JssdkConfig } from '../crypto/jssdk-signature.js';
import { AccountApiService } from './account-api.service.js';
import { AccountTicketStore, TICKET_TYPES, type StoredTicket, type TicketType } from './account-ticket.store.js';
import { parseTokenAnswer } from './fetched-account-token.js';
import { freshBeyond } from './token-freshness.js';
import { TokenMetrics } from './token.metrics.js';

export interface Ticket {
  ticket: string;
  expiresAt: Date;
}

const TICKET_PATH = '/cgi-bin/ticket/getticket';
const LOCK_TTL_MS = 20_000;
/** As for tokens: how long memory is trusted before the row is read again. */
const MEMORY_TRUST_MS = 10_000;

/**
 * jsapi_ticket and wx_card api_ticket per account (§4.14), fetched with the account's own access
 * token (in component mode the authorizer's, pitfall 24): memory, row, WeChat, one fetch at a time
 * across instances, renewed before the margin like tokens (the getticket quota is small, pitfall 21).
 */
@Injectable()
export class JsapiTicketService {
  private readonly logger = new Logger(JsapiTicketService.name);
  private readonly memory = new Map<string, { ticket: StoredTicket; readAt: number }>();

  constructor(
    private readonly store: AccountTicketStore,
    private readonly lock: Lock,
    private readonly api: AccountApiService,
    private readonly config: TokenConfig,
    private readonly metrics: TokenMetrics,
  ) {}

  async get(appid: string, type: TicketType): Promise<Ticket> {
    const m = this.memory.get(key(appid, type));
    if (m && Date.now() - m.readAt < MEMORY_TRUST_MS && this.fresh(m.ticket)) return view(m.ticket);
    const row = await this.store.find(appid, type);
    if (row && this.fresh(row)) return this.keep(appid, type, row);
    return this.renew(appid, type);
  }

  /** wx.config for `url` (used as given, fragment removed): the account's appid and its jsapi_ticket. */
  async jssdkConfig(appid: string, url: string): Promise<JssdkConfig> {
    const { ticket } = await this.get(appid, 'jsapi');
    return createJssdkConfig(appid, ticket, url);
  }

  /** For the background refresher: renews `seen` unless someone already did; true when renewed. */
  async refreshDue(appid: string, type: TicketType, seen: string): Promise<boolean> {
    return (await this.renew(appid, type, seen)).ticket !== seen;
  }

  /** The token was invalidated, or the account revoked: its tickets are fetched again when next needed. */
  async drop(appid: string): Promise<void> {
    this.forget(appid);
    await this.store.deleteAll(appid);
  }

  forget(appid: string): void {
    for (const type of TICKET_TYPES) this.memory.delete(key(appid, type));
  }

  /** Without `seen`: fetch unless a fresh ticket is stored; with it: unless the stored one differs. */
  private renew(appid: string, type: TicketType, seen?: string): Promise<Ticket> {
    return this.lock.run(`account-ticket:${appid}:${type}`, LOCK_TTL_MS, async () => {
      const row = await this.store.find(appid, type);
      if (row && this.fresh(row) && (seen === undefined || row.ticket !== seen)) return this.keep(appid, type, row);
      return this.keep(appid, type, await this.fetch(appid, type));
    });
  }

  private async fetch(appid: string, type: TicketType): Promise<StoredTicket> {
    const kind = type === 'jsapi' ? 'jsapi_ticket' : 'wx_card_ticket';
    const fetchedAt = new Date();
    try {
      const answer = await this.api.get<Record<string, unknown>>(appid, TICKET_PATH, { type });
      const { value, expiresInSec } = parseTokenAnswer(answer, 'ticket', TICKET_PATH);
      const ticket = { ticket: value, fetchedAt, expiresAt: new Date(fetchedAt.getTime() + expiresInSec * 1000) };
      await this.store.saveIfNewer(appid, type, ticket);
      this.metrics.refresh(kind, 'ok');
      this.logger.log({ appid, type, expiresIn: expiresInSec }, 'ticket fetched');
      return ticket;
    } catch (err) {
      this.metrics.refresh(kind, 'error');
      throw err;
    }
  }

  private fresh(t: StoredTicket): boolean {
    return freshBeyond(t, this.config.refreshMarginSec);
  }

  private keep(appid: string, type: TicketType, t: StoredTicket): Ticket {
    this.memory.set(key(appid, type), { ticket: t, readAt: Date.now() });
    return view(t);
  }
}

const key = (appid: string, type: TicketType): string => `${appid} ${type}`;

function view(t: StoredTicket): Ticket {
  return { ticket: t.ticket, expiresAt: t.expiresAt };
}
