import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  DELIVERY_STATUSES,
  type DeliveryStatus,
  type WebhookDeliveryEntity,
} from '../entities/webhook-delivery.entity.js';
import type { DeliveryPage } from '../webhook-delivery-log.service.js';

const MAX_PAGE_SIZE = 100;

export class ListDeliveriesQueryDto {
  @ApiPropertyOptional({ description: 'Only this status', enum: DELIVERY_STATUSES, example: 'dead' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES, { message: `status: must be one of ${DELIVERY_STATUSES.join(', ')}` })
  status?: DeliveryStatus;

  @ApiPropertyOptional({ description: 'Page number, from 1', example: 1, default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({
    description: `Per page, at most ${MAX_PAGE_SIZE}`,
    example: 20,
    default: 20,
    maximum: MAX_PAGE_SIZE,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  page_size?: number;
}

/** One entry of the delivery log (the message itself is not repeated here). */
export class WebhookDeliveryDto {
  @ApiProperty({
    description: "Delivery id: the X-Wechat-Gateway-Delivery header, the receiver's idempotency key",
    example: '5d0c8f0e-1b2a-4c3d-9e8f-7a6b5c4d3e2f',
  })
  id!: string;

  @ApiProperty({ description: 'Subscription id', example: '0b7e5c1a-2f3d-4e5f-8a9b-0c1d2e3f4a5b' })
  subscription_id!: string;

  @ApiProperty({ description: 'The account the message is for', example: 'wx0123456789abcdef' })
  appid!: string;

  @ApiProperty({ description: 'MsgType of the message', example: 'event' })
  msg_type!: string;

  @ApiProperty({ description: 'Event, for MsgType event', example: 'subscribe', nullable: true, type: String })
  event!: string | null;

  @ApiProperty({
    description: 'pending: not tried yet; failed: last attempt failed, retry scheduled; delivered; dead: gave up',
    enum: DELIVERY_STATUSES,
    example: 'delivered',
  })
  status!: DeliveryStatus;

  @ApiProperty({ description: 'Attempts made', example: 1 })
  attempts!: number;

  @ApiProperty({ description: 'HTTP status of the last attempt', example: 200, nullable: true, type: Number })
  last_status_code!: number | null;

  @ApiProperty({ description: 'Why the last attempt failed', example: null, nullable: true, type: String })
  last_error!: string | null;

  @ApiProperty({
    description: 'Next attempt (pending, failed); null otherwise',
    example: null,
    nullable: true,
    type: String,
  })
  next_attempt_at!: string | null;

  @ApiProperty({ description: 'Last attempt', example: '2026-01-01T08:00:00.120Z', nullable: true, type: String })
  last_attempt_at!: string | null;

  @ApiProperty({
    description: 'When a 2xx came back',
    example: '2026-01-01T08:00:00.120Z',
    nullable: true,
    type: String,
  })
  delivered_at!: string | null;

  @ApiProperty({ description: 'When the message was queued', example: '2026-01-01T08:00:00.010Z' })
  created_at!: string;
}

export class WebhookDeliveryPageDto {
  @ApiProperty({ description: 'This page of deliveries, newest first', type: [WebhookDeliveryDto] })
  items!: WebhookDeliveryDto[];

  @ApiProperty({ description: 'Matching deliveries in all pages', example: 1 })
  total!: number;

  @ApiProperty({ description: 'Page number, from 1', example: 1 })
  page!: number;

  @ApiProperty({ description: 'Deliveries per page', example: 20 })
  page_size!: number;
}

export class ReplayDeadDto {
  @ApiProperty({ description: 'Dead deliveries queued again', example: 3 })
  replayed!: number;
}

export function toDeliveryDto(d: WebhookDeliveryEntity): WebhookDeliveryDto {
  const waiting = d.status === 'pending' || d.status === 'failed';
  return {
    id: d.id,
    subscription_id: d.subscriptionId,
    appid: d.appid,
    msg_type: d.msgType,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    last_status_code: d.lastStatusCode,
    last_error: d.lastError,
    next_attempt_at: waiting ? d.nextAttemptAt.toISOString() : null,
    last_attempt_at: d.lastAttemptAt ? d.lastAttemptAt.toISOString() : null,
    delivered_at: d.deliveredAt ? d.deliveredAt.toISOString() : null,
    created_at: d.createdAt.toISOString(),
  };
}

export function toDeliveryPageDto(p: DeliveryPage): WebhookDeliveryPageDto {
  return { items: p.items.map(toDeliveryDto), total: p.total, page: p.page, page_size: p.pageSize };
}
