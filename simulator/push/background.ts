import type { SimContext } from '../context.js';

/**
 * Pushes that nobody awaits (start-up ticket, the periodic timer, api_start_push_ticket). They are
 * tracked so stop() can wait for them instead of leaving sockets open behind a test.
 */
export class BackgroundPushes {
  private readonly inflight = new Set<Promise<unknown>>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly ctx: SimContext) {}

  run(label: string, task: () => Promise<unknown>): void {
    const promise = task()
      .catch((err: unknown) => this.ctx.log(`${label} failed: ${(err as Error).message}`))
      .finally(() => this.inflight.delete(promise));
    this.inflight.add(promise);
  }

  /** (Re)starts the periodic ticket push; 0 disables it. */
  schedule(intervalMs: number, task: () => Promise<unknown>): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (intervalMs > 0) this.timer = setInterval(() => this.run('periodic ticket push', task), intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.inflight]);
  }
}
