import type { EntityManager } from 'typeorm';

export const TICKET_TYPES = ['jsapi', 'wx_card'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export interface StoredTicket {
  ticket: string;
  expiresAt: Date;
  fetchedAt: Date;
}

export interface ExpiringTicket extends StoredTicket {
  appid: string;
  type: TicketType;
}

/** Durable JS-SDK tickets per account and type (§4.14: the getticket quota is small). */
export abstract class AccountTicketStore {
  abstract find(appid: string, type: TicketType): Promise<StoredTicket | null>;

  /** Newest fetch wins, as for tokens. True when written. */
  abstract saveIfNewer(appid: string, type: TicketType, ticket: StoredTicket): Promise<boolean>;

  abstract deleteAll(appid: string, em?: EntityManager): Promise<void>;

  abstract listExpiringBefore(before: Date, limit: number): Promise<ExpiringTicket[]>;
}
