import type { HostName } from '../options.js';

export type FaultKind = 'latency' | 'errcode' | 'http5xx' | 'reset';

export interface FaultSpec {
  host: HostName;
  /** How many matching requests it applies to (default 1). */
  count?: number;
  kind: FaultKind;
  latencyMs?: number;
  /** For kind 'errcode' (default -1). */
  errcode?: number;
  /** For kind 'http5xx' (default 502). */
  status?: number;
  /** Only requests to this exact path (default: any path on the host). */
  path?: string;
}

export interface ActiveFault extends FaultSpec {
  id: number;
  remaining: number;
}

/** Faults for the next N requests on one listener, so a gateway's failover to api2 can be exercised. */
export class FaultInjector {
  private readonly faults: ActiveFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): ActiveFault {
    validateFault(spec);
    const fault: ActiveFault = { ...spec, id: this.nextId++, remaining: spec.count ?? 1 };
    this.faults.push(fault);
    return fault;
  }

  /** Consumes one use of the first fault matching this request, if any. */
  take(host: HostName, path: string): ActiveFault | undefined {
    const index = this.faults.findIndex((f) => f.host === host && (f.path === undefined || f.path === path));
    if (index < 0) return undefined;
    const fault = this.faults[index];
    fault.remaining--;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }

  list(): ActiveFault[] {
    return [...this.faults];
  }

  clear(): void {
    this.faults.length = 0;
  }
}

const HOSTS = ['api', 'api2', 'mp', 'open'];
const KINDS = ['latency', 'errcode', 'http5xx', 'reset'];

function validateFault(spec: FaultSpec): void {
  if (!HOSTS.includes(spec.host)) throw new Error(`fault host must be one of ${HOSTS.join(', ')}`);
  if (!KINDS.includes(spec.kind)) throw new Error(`fault kind must be one of ${KINDS.join(', ')}`);
  if (spec.count !== undefined && (!Number.isInteger(spec.count) || spec.count < 1)) {
    throw new Error('fault count must be a positive integer');
  }
}
