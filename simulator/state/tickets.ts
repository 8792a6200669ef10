import type { SimClock } from '../core/clock.js';
import { randomAlnum } from '../core/ids.js';

/** component_verify_ticket lives 12 h; every ticket ever pushed keeps working inside that window. */
export const TICKET_TTL_SEC = 12 * 3600;

export interface TicketRecord {
  ticket: string;
  issuedAt: number;
}

export class TicketStore {
  private readonly tickets = new Map<string, TicketRecord>();
  private latestTicket?: TicketRecord;

  constructor(private readonly clock: SimClock) {}

  issue(): TicketRecord {
    const record = { ticket: `ticket@@@${randomAlnum(86)}`, issuedAt: this.clock.now() };
    this.tickets.set(record.ticket, record);
    this.latestTicket = record;
    return record;
  }

  /** 0 when usable, else the errcode api_component_token answers (61006 unknown, 61005 expired). */
  check(ticket: string | undefined): 0 | 61005 | 61006 {
    const record = ticket ? this.tickets.get(ticket) : undefined;
    if (!record) return 61006;
    return this.clock.now() >= record.issuedAt + TICKET_TTL_SEC ? 61005 : 0;
  }

  latest(): TicketRecord | undefined {
    return this.latestTicket;
  }

  all(): TicketRecord[] {
    return [...this.tickets.values()];
  }
}
