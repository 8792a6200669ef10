import { Injectable } from '@nestjs/common';

/** A readiness check: resolves with details when healthy, throws (with a reason) when not. */
export type ReadinessCheck = () => Promise<Record<string, unknown> | void>;

/**
 * Modules add their own readiness checks here (the ticket module adds ticket freshness), so the
 * health module needs to know none of them.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  entries(): [string, ReadinessCheck][] {
    return [...this.checks.entries()];
  }
}
