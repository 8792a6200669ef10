/** A ticket as the gateway keeps it: the plain ticket, WeChat's CreateTime and when it arrived. */
export interface StoredTicket {
  ticket: string;
  /** CreateTime of the push, unix seconds (WeChat's clock). */
  createTime: number;
  /** When this gateway received it (our clock). */
  receivedAt: Date;
}

/** Durable ticket storage, one row per component appid (pitfall 2). */
export abstract class TicketStore {
  /**
   * Writes the ticket unless one with the same or a later CreateTime is stored (newest wins, also
   * when two instances write at once). True when written.
   */
  abstract saveIfNewer(componentAppid: string, ticket: StoredTicket): Promise<boolean>;

  abstract find(componentAppid: string): Promise<StoredTicket | null>;
}
