import { ApiProperty } from '@nestjs/swagger';
import {
  WEBHOOK_MODES,
  type WebhookMode,
  type WebhookSubscriptionEntity,
} from '../entities/webhook-subscription.entity.js';
import { splitList } from '../webhook-filter.js';

/** A subscription as the API shows it: never the secret. */
export class WebhookDto {
  @ApiProperty({ description: 'Subscription id', example: '0b7e5c1a-2f3d-4e5f-8a9b-0c1d2e3f4a5b' })
  id!: string;

  @ApiProperty({ description: 'Where messages are POSTed', example: 'https://crm.example.com/wechat/hook' })
  url!: string;

  @ApiProperty({ description: 'async or reply', enum: WEBHOOK_MODES, example: 'async' })
  mode!: WebhookMode;

  @ApiProperty({
    description: 'MsgTypes received; null for all',
    example: ['text', 'event'],
    type: [String],
    nullable: true,
  })
  msg_types!: string[] | null;

  @ApiProperty({
    description: 'Events received (lower case); null for all',
    example: ['subscribe'],
    type: [String],
    nullable: true,
  })
  events!: string[] | null;

  @ApiProperty({ description: 'Accounts received; null for all', example: null, type: [String], nullable: true })
  appids!: string[] | null;

  @ApiProperty({ description: 'Whether it receives anything', example: true })
  enabled!: boolean;

  @ApiProperty({ description: 'Creation time (ISO 8601, UTC)', example: '2026-01-01T08:00:00.000Z' })
  created_at!: string;

  @ApiProperty({ description: 'Last change (ISO 8601, UTC)', example: '2026-01-01T08:00:00.000Z' })
  updated_at!: string;
}

export class CreatedWebhookDto extends WebhookDto {
  @ApiProperty({
    description: 'The signing secret. Shown in this answer only: store it to verify X-Wechat-Gateway-Signature',
    example: 'whsec_Qm9ndXNFeGFtcGxlU2VjcmV0MDAwMDAw',
  })
  secret!: string;
}

export function toWebhookDto(e: WebhookSubscriptionEntity): WebhookDto {
  return {
    id: e.id,
    url: e.url,
    mode: e.mode,
    msg_types: splitList(e.msgTypes),
    events: splitList(e.events),
    appids: splitList(e.appids),
    enabled: Boolean(e.enabled),
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}
