export type PushMode = 'safe' | 'compatible' | 'plain';

export interface PushAttempt {
  status?: number;
  /** Network error or "timeout after N ms" when no answer came. */
  error?: string;
  durationMs: number;
}

export interface ReplyCheck {
  kind: 'success' | 'empty' | 'xml' | 'other' | 'none';
  /** True when the reply is acceptable for this push (signature, decryption, appid, To/From swap). */
  verified: boolean;
  /** Decrypted (or plain) passive reply XML. */
  decrypted?: string;
  fields?: Record<string, string>;
  error?: string;
}

export interface PushRecord {
  id: number;
  target: 'event' | 'message';
  /** InfoType for event pushes, MsgType/Event for messages. */
  type: string;
  appid?: string;
  url: string;
  query: Record<string, string>;
  body: string;
  plaintext: string;
  mode: PushMode;
  attempts: PushAttempt[];
  status?: number;
  replyRaw?: string;
  reply: ReplyCheck;
  ok: boolean;
  error?: string;
  /** Simulated unix seconds. */
  time: number;
}

export interface PushFilter {
  target?: 'event' | 'message';
  type?: string;
  appid?: string;
}

export class PushLog {
  private readonly records: PushRecord[] = [];
  private nextId = 1;

  add(record: Omit<PushRecord, 'id'>): PushRecord {
    const saved = { ...record, id: this.nextId++ };
    this.records.push(saved);
    if (this.records.length > 5000) this.records.shift();
    return saved;
  }

  list(filter: PushFilter = {}): PushRecord[] {
    return this.records.filter(
      (r) =>
        (filter.target === undefined || r.target === filter.target) &&
        (filter.type === undefined || r.type === filter.type) &&
        (filter.appid === undefined || r.appid === filter.appid),
    );
  }

  clear(): void {
    this.records.length = 0;
  }
}
