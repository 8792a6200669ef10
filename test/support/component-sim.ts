import type { INestApplication } from '@nestjs/common';
import type { Env } from '../../src/config/validate-env.js';
import { TicketService } from '../../src/ticket/ticket.service.js';
import type { WechatSimulator } from '../../simulator/index.js';

/** Gateway environment pointing at the simulator, with its component credentials. */
export function componentEnv(sim: WechatSimulator, extra: Env = {}): Env {
  return {
    WECHAT_API_BASE_URL: sim.url,
    WECHAT_API_FALLBACK_URLS: sim.api2Url,
    WECHAT_COMPONENT_APP_ID: sim.component.appId,
    WECHAT_COMPONENT_APP_SECRET: sim.component.appSecret,
    WECHAT_COMPONENT_TOKEN: sim.component.token,
    WECHAT_COMPONENT_AES_KEY: sim.component.encodingAesKey,
    ...extra,
  };
}

/**
 * Has the simulator issue a ticket (no event URL is configured, so it is not delivered) and stores it
 * through TicketService, as the events URL would. Returns the ticket.
 */
export async function seedComponentTicket(app: INestApplication, sim: WechatSimulator): Promise<string> {
  await sim.pushTicket();
  const latest = sim.state.tickets.latest();
  if (!latest) throw new Error('the simulator issued no ticket');
  await app.get(TicketService).save(sim.component.appId, latest.ticket, latest.issuedAt);
  return latest.ticket;
}

/** How many times the simulator was called on `path` (both API hosts). */
export function simCallCount(sim: WechatSimulator, path: string): number {
  return sim.calls({ path }).length;
}

/** Waits until `probe` holds (for fire-and-forget work such as the start-up push request). */
export async function eventually(probe: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
