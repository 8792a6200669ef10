import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type FindOptionsWhere } from 'typeorm';
import { NotFoundError } from '../common/errors/app-errors.js';
import { WebhookDeliveryEntity, type DeliveryStatus } from './entities/webhook-delivery.entity.js';
import { WebhookSubscriptionService } from './webhook-subscription.service.js';

export interface DeliveryPage {
  items: WebhookDeliveryEntity[];
  total: number;
  page: number;
  pageSize: number;
}

/** Reset on replay: a replayed delivery gets the full retry budget again, starting now. */
const REPLAYED = { status: 'pending' as const, attempts: 0, claimedBy: null, claimedUntil: null };

/** The delivery log of a subscription and dead-letter replay. */
@Injectable()
export class WebhookDeliveryLogService {
  private readonly logger = new Logger(WebhookDeliveryLogService.name);

  constructor(
    @InjectRepository(WebhookDeliveryEntity) private readonly repo: Repository<WebhookDeliveryEntity>,
    private readonly subscriptions: WebhookSubscriptionService,
  ) {}

  /** Newest first. */
  async list(
    subscriptionId: string,
    status: DeliveryStatus | undefined,
    page: number,
    pageSize: number,
  ): Promise<DeliveryPage> {
    await this.subscriptions.get(subscriptionId); // 404 for an unknown subscription
    const where: FindOptionsWhere<WebhookDeliveryEntity> = { subscriptionId, ...(status ? { status } : {}) };
    const [items, total] = await this.repo.findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total, page, pageSize };
  }

  async get(subscriptionId: string, id: string): Promise<WebhookDeliveryEntity> {
    const row = await this.repo.findOneBy({ id, subscriptionId });
    if (!row) throw new NotFoundError(`delivery ${id} of webhook subscription ${subscriptionId} not found`);
    return row;
  }

  /** Sends one delivery again (dead, delivered or waiting), with the same delivery id. */
  async replay(subscriptionId: string, id: string): Promise<WebhookDeliveryEntity> {
    await this.get(subscriptionId, id);
    await this.repo.update({ id, subscriptionId }, { ...REPLAYED, nextAttemptAt: new Date() });
    this.logger.log({ subscriptionId, deliveryId: id }, 'webhook delivery replayed');
    return this.get(subscriptionId, id);
  }

  /** Every dead delivery of the subscription back into the queue; answers how many. */
  async replayDead(subscriptionId: string): Promise<number> {
    await this.subscriptions.get(subscriptionId);
    const result = await this.repo.update(
      { subscriptionId, status: 'dead' },
      { ...REPLAYED, nextAttemptAt: new Date() },
    );
    const replayed = result.affected ?? 0;
    this.logger.log({ subscriptionId, replayed }, 'dead webhook deliveries replayed');
    return replayed;
  }

  /** Rows per status, for the gauge. */
  async countByStatus(): Promise<Map<string, number>> {
    const rows = await this.repo
      .createQueryBuilder()
      .select('status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where("status IN ('pending', 'failed', 'dead')")
      .groupBy('status')
      .getRawMany<{ status: string; n: string | number }>();
    return new Map(rows.map((r) => [r.status, Number(r.n)]));
  }
}
