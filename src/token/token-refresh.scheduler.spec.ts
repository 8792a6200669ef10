import { describe, expect, it } from '@jest/globals';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { TokenConfig } from '../config/config.types.js';
import type { ComponentTokenService } from './component-token.service.js';
import { TokenRefreshScheduler } from './token-refresh.scheduler.js';

class FakeTokens {
  calls = 0;
  release?: () => void;
  failWith?: Error;
  async refreshIfDue(): Promise<boolean> {
    this.calls++;
    if (this.failWith) throw this.failWith;
    await new Promise<void>((r) => (this.release = r));
    return true;
  }
}

function setup() {
  const tokens = new FakeTokens();
  const registry = new SchedulerRegistry();
  const config: TokenConfig = {
    refreshMarginSec: 900,
    refreshCheckIntervalMs: 60_000,
    refreshJitterSec: 0,
    refreshConcurrency: 8,
  };
  const scheduler = new TokenRefreshScheduler(registry, tokens as unknown as ComponentTokenService, config);
  return { tokens, registry, scheduler };
}

describe('TokenRefreshScheduler', () => {
  it('registers its interval and removes it on shutdown', () => {
    const { registry, scheduler } = setup();
    scheduler.onModuleInit();
    expect(registry.getIntervals()).toEqual(['component-token-refresh']);
    scheduler.onModuleDestroy();
    expect(registry.getIntervals()).toEqual([]);
  });

  it('does not stack checks while one is still running', async () => {
    const { tokens, scheduler } = setup();
    const first = scheduler.tick();
    await scheduler.tick();
    expect(tokens.calls).toBe(1);
    tokens.release?.();
    await first;
  });

  it('logs failures instead of throwing them', async () => {
    const { tokens, scheduler } = setup();
    tokens.failWith = new Error('no component_verify_ticket received yet');
    await expect(scheduler.tick()).resolves.toBeUndefined();
    await expect(scheduler.tick()).resolves.toBeUndefined();
    expect(tokens.calls).toBe(2);
  });
});
