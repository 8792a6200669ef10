import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, Repository } from 'typeorm';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity.js';

/** One delivery to write at dispatch time. */
export interface NewDelivery {
  id: string;
  subscriptionId: string;
  appid: string;
  msgType: string;
  event: string | null;
  payload: string;
}

export interface AttemptOutcome {
  statusCode: number | null;
  error: string | null;
  /** null when the attempt succeeded or was the last one. */
  nextAttemptAt: Date | null;
  dead: boolean;
}

/** Rows a worker may take: waiting for an attempt, due, and not held by a live claim. */
const CLAIMABLE =
  "status IN ('pending', 'failed') AND next_attempt_at <= :now AND (claimed_until IS NULL OR claimed_until < :now)";

/**
 * The durable queue. Claiming is a conditional UPDATE (see claimDue), the same SQL on SQLite and
 * MySQL/MariaDB; every result is written only by the claim that made the attempt.
 */
@Injectable()
export class WebhookDeliveryStore {
  constructor(@InjectRepository(WebhookDeliveryEntity) private readonly repo: Repository<WebhookDeliveryEntity>) {}

  /** One INSERT statement, hence one transaction: all of a message's deliveries are durable, or none. */
  async enqueue(deliveries: readonly NewDelivery[], now = new Date()): Promise<void> {
    if (deliveries.length === 0) return;
    await this.repo.insert(
      deliveries.map((d) => ({
        ...d,
        status: 'pending' as const,
        attempts: 0,
        nextAttemptAt: now,
        claimedBy: null,
        claimedUntil: null,
        lastStatusCode: null,
        lastError: null,
        lastAttemptAt: null,
        deliveredAt: null,
        createdAt: now,
      })),
    );
  }

  /**
   * Claims up to `limit` due deliveries for `ttlMs` and returns them with the claim token. The
   * candidates are read without locks; the UPDATE re-checks "still claimable" row by row, and both
   * engines evaluate that on the latest committed row under the row's write lock (SQLite: the single
   * writer; InnoDB: an UPDATE is a locking "current read"). Two instances racing for a row: one
   * UPDATE changes it, the other finds it claimed and skips it. A crashed claimer's rows become
   * claimable again once claimed_until passes (at-least-once).
   */
  async claimDue(
    subscriptionIds: readonly string[],
    limit: number,
    ttlMs: number,
  ): Promise<{ token: string; rows: WebhookDeliveryEntity[] }> {
    const token = randomUUID();
    const now = new Date();
    if (subscriptionIds.length === 0) return { token, rows: [] };
    const candidates = await this.repo
      .createQueryBuilder()
      .select('id')
      .where(CLAIMABLE, { now })
      .andWhere('subscription_id IN (:...subs)', { subs: subscriptionIds })
      .orderBy('next_attempt_at', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    if (candidates.length === 0) return { token, rows: [] };
    const ids = candidates.map((c) => c.id);
    await this.repo
      .createQueryBuilder()
      .update()
      .set({ claimedBy: token, claimedUntil: new Date(now.getTime() + ttlMs) })
      .where('id IN (:...ids)', { ids })
      .andWhere(CLAIMABLE, { now })
      .execute();
    const rows = await this.repo.find({ where: { id: In(ids), claimedBy: token } });
    return { token, rows };
  }

  async recordSuccess(id: string, token: string, statusCode: number, at = new Date()): Promise<void> {
    await this.repo.update(
      { id, claimedBy: token },
      {
        status: 'delivered',
        attempts: () => 'attempts + 1',
        lastStatusCode: statusCode,
        lastError: null,
        lastAttemptAt: at,
        deliveredAt: at,
        claimedBy: null,
        claimedUntil: null,
      },
    );
  }

  async recordFailure(id: string, token: string, outcome: AttemptOutcome, at = new Date()): Promise<void> {
    await this.repo.update(
      { id, claimedBy: token },
      {
        status: outcome.dead ? 'dead' : 'failed',
        attempts: () => 'attempts + 1',
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error ? outcome.error.slice(0, 512) : null,
        lastAttemptAt: at,
        ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
        claimedBy: null,
        claimedUntil: null,
      },
    );
  }

  /** Gives claimed rows back untouched (shutdown): another instance may take them at once. */
  async release(ids: readonly string[], token: string): Promise<void> {
    if (ids.length === 0) return;
    await this.repo.update({ id: In([...ids]), claimedBy: token }, { claimedBy: null, claimedUntil: null });
  }
}
