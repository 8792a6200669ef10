import type { HostName } from '../options.js';

export interface RecordedCall {
  id: number;
  host: HostName;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** errcode answered (0 for success); undefined when no JSON was answered (binary, reset, 5xx). */
  errcode?: number;
  status: number;
  fault?: string;
  /** Simulated unix seconds. */
  time: number;
}

export interface CallFilter {
  host?: HostName;
  path?: string;
  method?: string;
  errcode?: number;
}

export interface EndpointCounter {
  total: number;
  ok: number;
  failed: number;
  byErrcode: Record<string, number>;
  byHost: Partial<Record<HostName, number>>;
}

const MAX_CALLS = 20_000;

export class CallRecorder {
  private readonly list: RecordedCall[] = [];
  private readonly counterMap = new Map<string, EndpointCounter>();
  private nextId = 1;

  record(call: Omit<RecordedCall, 'id'>): RecordedCall {
    const recorded = { ...call, id: this.nextId++ };
    this.list.push(recorded);
    if (this.list.length > MAX_CALLS) this.list.shift();
    this.count(recorded);
    return recorded;
  }

  calls(filter: CallFilter = {}): RecordedCall[] {
    return this.list.filter(
      (c) =>
        (filter.host === undefined || c.host === filter.host) &&
        (filter.path === undefined || c.path === filter.path) &&
        (filter.method === undefined || c.method === filter.method.toUpperCase()) &&
        (filter.errcode === undefined || c.errcode === filter.errcode),
    );
  }

  /** Per path (api and api2 together, split in byHost). */
  counters(): Record<string, EndpointCounter> {
    return Object.fromEntries(this.counterMap);
  }

  clear(): void {
    this.list.length = 0;
    this.counterMap.clear();
  }

  private count(call: RecordedCall): void {
    let counter = this.counterMap.get(call.path);
    if (!counter) {
      counter = { total: 0, ok: 0, failed: 0, byErrcode: {}, byHost: {} };
      this.counterMap.set(call.path, counter);
    }
    counter.total++;
    const ok = call.status === 200 && !call.errcode && call.fault !== 'reset';
    if (ok) counter.ok++;
    else counter.failed++;
    if (call.errcode) counter.byErrcode[call.errcode] = (counter.byErrcode[call.errcode] ?? 0) + 1;
    counter.byHost[call.host] = (counter.byHost[call.host] ?? 0) + 1;
  }
}
