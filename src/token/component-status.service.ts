import { Injectable } from '@nestjs/common';
import { ComponentConfig } from '../config/config.types.js';
import { TicketService } from '../ticket/ticket.service.js';
import { ComponentTokenService } from './component-token.service.js';

export interface ComponentStatus {
  configured: boolean;
  componentAppId: string | null;
  ticket: { ageSeconds: number; receivedAt: Date } | null;
  token: { expiresAt: Date } | null;
}

/** What an operator wants to know about the component, without calling WeChat. */
@Injectable()
export class ComponentStatusService {
  constructor(
    private readonly config: ComponentConfig,
    private readonly tickets: TicketService,
    private readonly tokens: ComponentTokenService,
  ) {}

  async status(): Promise<ComponentStatus> {
    if (!this.config.configured) return { configured: false, componentAppId: null, ticket: null, token: null };
    const [ticket, token] = await Promise.all([this.tickets.current(this.config.appId), this.tokens.peek()]);
    return {
      configured: true,
      componentAppId: this.config.appId,
      ticket: ticket && { ageSeconds: ticket.ageSeconds, receivedAt: ticket.receivedAt },
      token: token && { expiresAt: token.expiresAt },
    };
  }
}
