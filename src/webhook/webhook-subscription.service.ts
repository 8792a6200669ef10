import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { BadInputError, NotFoundError } from '../common/errors/app-errors.js';
import { SecretBox } from '../crypto/secret-box.js';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity.js';
import { WebhookSubscriptionEntity, type WebhookMode } from './entities/webhook-subscription.entity.js';
import { joinList } from './webhook-filter.js';
import { WebhookSubscriptionCache } from './webhook-subscription.cache.js';

/** Fields of a subscription as the API sets them; undefined: unchanged (on update), null: every. */
export interface WebhookSubscriptionInput {
  url?: string;
  secret?: string;
  mode?: WebhookMode;
  msgTypes?: string[] | null;
  events?: string[] | null;
  appids?: string[] | null;
  enabled?: boolean;
}

export interface CreatedSubscription {
  entity: WebhookSubscriptionEntity;
  /** The signing secret: returned at creation only. */
  secret: string;
}

@Injectable()
export class WebhookSubscriptionService {
  private readonly logger = new Logger(WebhookSubscriptionService.name);

  constructor(
    @InjectRepository(WebhookSubscriptionEntity) private readonly repo: Repository<WebhookSubscriptionEntity>,
    private readonly box: SecretBox,
    private readonly cache: WebhookSubscriptionCache,
  ) {}

  async create(input: WebhookSubscriptionInput & { url: string; mode: WebhookMode }): Promise<CreatedSubscription> {
    const secret = input.secret ?? `whsec_${randomBytes(24).toString('base64url')}`;
    const now = new Date();
    const entity = this.repo.create({ id: randomUUID(), enabled: true, createdAt: now, updatedAt: now });
    this.apply(entity, { ...input, secret });
    await this.repo.insert(entity);
    this.cache.invalidate();
    this.logger.log({ subscriptionId: entity.id, mode: entity.mode }, 'webhook subscription created');
    return { entity, secret };
  }

  list(): Promise<WebhookSubscriptionEntity[]> {
    return this.repo.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async get(id: string): Promise<WebhookSubscriptionEntity> {
    const entity = await this.repo.findOneBy({ id });
    if (!entity) throw new NotFoundError(`webhook subscription ${id} not found`);
    return entity;
  }

  async update(id: string, input: WebhookSubscriptionInput): Promise<WebhookSubscriptionEntity> {
    const entity = await this.get(id);
    this.apply(entity, input);
    entity.updatedAt = new Date();
    await this.repo.save(entity);
    this.cache.invalidate();
    return entity;
  }

  /** Removes the subscription and its delivery log; nothing more is sent to it. */
  async remove(id: string): Promise<WebhookSubscriptionEntity> {
    const entity = await this.get(id);
    await this.repo.manager.transaction(async (m) => {
      await m.delete(WebhookDeliveryEntity, { subscriptionId: id });
      await m.delete(WebhookSubscriptionEntity, { id });
    });
    this.cache.invalidate();
    this.logger.log({ subscriptionId: id }, 'webhook subscription deleted');
    return entity;
  }

  private apply(entity: WebhookSubscriptionEntity, input: WebhookSubscriptionInput): void {
    if (input.url !== undefined) entity.url = checkedUrl(input.url);
    if (input.secret !== undefined) entity.secretSealed = this.box.seal(input.secret);
    if (input.mode !== undefined) entity.mode = input.mode;
    if (input.msgTypes !== undefined) entity.msgTypes = joinList(input.msgTypes, true);
    if (input.events !== undefined) entity.events = joinList(input.events, true);
    if (input.appids !== undefined) entity.appids = joinList(input.appids, false);
    if (input.enabled !== undefined) entity.enabled = input.enabled;
  }
}

function checkedUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new BadInputError('url: must be an absolute http:// or https:// URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new BadInputError('url: must be an absolute http:// or https:// URL');
  }
  if (u.username || u.password) throw new BadInputError('url: must not carry credentials (use the signature)');
  return u.toString();
}
