import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Gauge } from 'prom-client';
import { ComponentConfig } from '../config/config.types.js';
import { ReadinessRegistry } from '../health/readiness.registry.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { PUSH_REQUEST_INTERVAL_MS } from './ticket-push.service.js';
import { TicketService } from './ticket.service.js';

/** A ticket is valid 12 h after it was pushed (wechat-open-platform.md §3.1, §10). */
export const TICKET_MAX_AGE_SEC = 12 * 3600;
const AGE_GAUGE = 'gateway_component_ticket_age_seconds';

/**
 * Keeps an eye on the ticket (pitfall 1): readiness check `component_ticket`, an age gauge, and a
 * push request at start and every 10 minutes while the ticket is missing or too old.
 */
@Injectable()
export class TicketWatchService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(TicketWatchService.name);

  constructor(
    private readonly tickets: TicketService,
    private readonly config: ComponentConfig,
    private readonly readiness: ReadinessRegistry,
    private readonly metrics: MetricsService,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.register('component_ticket', () => this.check());
    if (this.config.configured) this.registerAgeGauge();
  }

  onApplicationBootstrap(): void {
    if (!this.config.configured) return;
    // Start-up must not wait for WeChat: fire and forget, failures only logged.
    void this.requestPushIfStale();
    const handle = setInterval(() => void this.requestPushIfStale(), PUSH_REQUEST_INTERVAL_MS);
    this.scheduler.addInterval('component-ticket-watch', handle);
  }

  /** Requests a push when the ticket is missing or older than 12 h; true when a request went out. */
  async requestPushIfStale(): Promise<boolean> {
    try {
      const ticket = await this.tickets.current(this.config.appId);
      if (ticket && ticket.ageSeconds <= TICKET_MAX_AGE_SEC) return false;
      return await this.tickets.requestPush(ticket ? 'ticket older than 12 h' : 'no ticket');
    } catch (err) {
      this.logger.warn({ error: (err as Error).message }, 'ticket check failed');
      return false;
    }
  }

  async check(): Promise<Record<string, unknown>> {
    if (!this.config.configured) return { configured: false };
    const ticket = await this.tickets.current(this.config.appId);
    if (!ticket) throw new Error('no component_verify_ticket received yet (WeChat pushes one every 10 minutes)');
    if (ticket.ageSeconds > TICKET_MAX_AGE_SEC) {
      throw new Error(
        `component_verify_ticket is older than 12 h (age ${ticket.ageSeconds} s): pushes are not arriving`,
      );
    }
    return { age_seconds: ticket.ageSeconds };
  }

  private registerAgeGauge(): void {
    if (this.metrics.registry.getSingleMetric(AGE_GAUGE)) return;
    const appid = this.config.appId;
    const gauge: Gauge<'component_appid'> = new Gauge({
      name: AGE_GAUGE,
      help: 'Seconds since the last component_verify_ticket was received (absent until one is known)',
      labelNames: ['component_appid'],
      registers: [this.metrics.registry],
      collect: () => {
        gauge.reset();
        const at = this.tickets.lastReceivedAt(appid);
        if (at) gauge.set({ component_appid: appid }, Math.max(0, (Date.now() - at.getTime()) / 1000));
      },
    });
  }
}
