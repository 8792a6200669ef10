import { describe, expect, it } from '@jest/globals';
import type { SchedulerRegistry } from '@nestjs/schedule';
import type { ComponentConfig } from '../config/config.types.js';
import { ReadinessRegistry } from '../health/readiness.registry.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { TICKET_MAX_AGE_SEC, TicketWatchService } from './ticket-watch.service.js';
import type { TicketInfo, TicketService } from './ticket.service.js';

class FakeTickets {
  info: TicketInfo | null = null;
  readonly reasons: string[] = [];
  async current(): Promise<TicketInfo | null> {
    return this.info;
  }
  lastReceivedAt(): Date | undefined {
    return this.info?.receivedAt;
  }
  async requestPush(reason: string): Promise<boolean> {
    this.reasons.push(reason);
    return true;
  }
}

const CONFIG = { configured: true, appId: 'wxcomponent0000001' } as ComponentConfig;

function setup(config: ComponentConfig = CONFIG) {
  const tickets = new FakeTickets();
  const readiness = new ReadinessRegistry();
  const metrics = new MetricsService();
  const scheduler = { addInterval: () => undefined } as unknown as SchedulerRegistry;
  const watch = new TicketWatchService(tickets as unknown as TicketService, config, readiness, metrics, scheduler);
  watch.onModuleInit();
  return { tickets, readiness, metrics, watch };
}

const aged = (ageSeconds: number): TicketInfo => ({
  ticket: 'ticket@@@x',
  createTime: 1,
  receivedAt: new Date(Date.now() - ageSeconds * 1000),
  ageSeconds,
});

describe('TicketWatchService', () => {
  it('registers a component_ticket readiness check that says why it is down', async () => {
    const { readiness, tickets } = setup();
    const [[name, check]] = readiness.entries();
    expect(name).toBe('component_ticket');
    await expect(check()).rejects.toThrow('no component_verify_ticket received yet');
    tickets.info = aged(TICKET_MAX_AGE_SEC + 60);
    await expect(check()).rejects.toThrow(`older than 12 h (age ${TICKET_MAX_AGE_SEC + 60} s)`);
    tickets.info = aged(120);
    await expect(check()).resolves.toEqual({ age_seconds: 120 });
  });

  it('is up when the component is not configured', async () => {
    const { readiness } = setup({ configured: false } as ComponentConfig);
    await expect(readiness.entries()[0][1]()).resolves.toEqual({ configured: false });
  });

  it('requests a push when the ticket is missing or too old, not when it is fresh', async () => {
    const { watch, tickets } = setup();
    await expect(watch.requestPushIfStale()).resolves.toBe(true);
    tickets.info = aged(TICKET_MAX_AGE_SEC + 1);
    await watch.requestPushIfStale();
    tickets.info = aged(600);
    await expect(watch.requestPushIfStale()).resolves.toBe(false);
    expect(tickets.reasons).toEqual(['no ticket', 'ticket older than 12 h']);
  });

  it('never throws out of the background check', async () => {
    const { watch, tickets } = setup();
    tickets.current = () => Promise.reject(new Error('database down'));
    await expect(watch.requestPushIfStale()).resolves.toBe(false);
  });

  it('exports the ticket age as a gauge once a ticket is known', async () => {
    const { metrics, tickets } = setup();
    expect(await metrics.registry.metrics()).not.toMatch(/gateway_component_ticket_age_seconds\{/);
    tickets.info = aged(90);
    expect(await metrics.registry.metrics()).toMatch(
      /gateway_component_ticket_age_seconds\{component_appid="wxcomponent0000001"\} 9\d/,
    );
  });
});
