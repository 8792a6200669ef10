import { Injectable, Logger } from '@nestjs/common';
import { TicketPushService, type PushRequestOutcome } from './ticket-push.service.js';
import { TicketStore, type StoredTicket } from './ticket.store.js';

export interface TicketInfo {
  ticket: string;
  /** CreateTime of the push, unix seconds. */
  createTime: number;
  receivedAt: Date;
  /** Seconds since it was received. */
  ageSeconds: number;
}

/** Other instances' pushes reach this one through the database within this time. */
const MEMORY_MS = 10_000;

/**
 * The component_verify_ticket: stored durably per component appid (pitfall 1) with an in-process
 * copy in front, so that readiness probes and token refreshes do not each read the database.
 */
@Injectable()
export class TicketService {
  private readonly logger = new Logger(TicketService.name);
  private readonly memory = new Map<string, { record: StoredTicket; checkedAt: number }>();

  constructor(
    private readonly store: TicketStore,
    private readonly pushes: TicketPushService,
  ) {}

  /** Newest wins by CreateTime: a late or repeated push never replaces a newer ticket. */
  async save(componentAppid: string, ticket: string, createTime: number): Promise<'stored' | 'stale'> {
    const record: StoredTicket = { ticket, createTime, receivedAt: new Date() };
    const stored = await this.store.saveIfNewer(componentAppid, record);
    if (stored) this.memory.set(componentAppid, { record, checkedAt: Date.now() });
    else this.memory.delete(componentAppid); // the database holds a newer one: read it next time
    this.logger.log(
      { componentAppid, createTime, outcome: stored ? 'stored' : 'stale' },
      stored ? 'component_verify_ticket stored' : 'component_verify_ticket ignored: a newer one is stored',
    );
    return stored ? 'stored' : 'stale';
  }

  /**
   * The latest ticket. `fresh` skips the in-process copy: a token fetch (rare, and where a stale
   * ticket costs a failed WeChat call) always uses the newest ticket any instance has stored.
   */
  async current(componentAppid: string, opts: { fresh?: boolean } = {}): Promise<TicketInfo | null> {
    const cached = this.memory.get(componentAppid);
    if (!opts.fresh && cached && Date.now() - cached.checkedAt < MEMORY_MS) return withAge(cached.record);
    const record = await this.store.find(componentAppid);
    if (!record) {
      this.memory.delete(componentAppid);
      return null;
    }
    this.memory.set(componentAppid, { record, checkedAt: Date.now() });
    return withAge(record);
  }

  /** When the last known ticket arrived (no I/O: for metrics). */
  lastReceivedAt(componentAppid: string): Date | undefined {
    return this.memory.get(componentAppid)?.record.receivedAt;
  }

  /** Asks WeChat to (re)start ticket pushes; false when rate-limited (once per 10 min, all instances). */
  async requestPush(reason: string): Promise<boolean> {
    return (await this.pushes.request(reason)).requested;
  }

  requestPushOutcome(reason: string): Promise<PushRequestOutcome> {
    return this.pushes.request(reason);
  }
}

function withAge(record: StoredTicket): TicketInfo {
  const ageSeconds = Math.max(0, Math.floor((Date.now() - record.receivedAt.getTime()) / 1000));
  return { ...record, ageSeconds };
}
