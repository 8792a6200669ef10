import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { WEBHOOK_MODES, type WebhookMode } from '../entities/webhook-subscription.entity.js';
import type { WebhookSubscriptionInput } from '../webhook-subscription.service.js';

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const URL_PATTERN = /^https?:\/\/[^\s]+$/i;

/** Fields shared by POST and PATCH, all optional; null on a filter list clears it (every value passes). */
class WebhookOptionsDto {
  @ApiPropertyOptional({
    description: 'HMAC-SHA256 signing secret (16 to 256 characters); generated and shown once when omitted',
    example: 'a-long-random-shared-secret',
  })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  secret?: string;

  @ApiPropertyOptional({
    description: 'Only these MsgTypes (text, image, voice, video, shortvideo, location, link, event…); omit for all',
    example: ['text', 'event'],
    type: [String],
    nullable: true,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(32)
  @Matches(NAME, { each: true, message: 'msg_types: each value must be a MsgType name' })
  msg_types?: string[] | null;

  @ApiPropertyOptional({
    description: 'Only these events of MsgType event (case-insensitive); alone it means "only these events"',
    example: ['subscribe', 'CLICK'],
    type: [String],
    nullable: true,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(128)
  @Matches(NAME, { each: true, message: 'events: each value must be an Event name' })
  events?: string[] | null;

  @ApiPropertyOptional({
    description: 'Only messages for these accounts; omit for all',
    example: ['wx0123456789abcdef'],
    type: [String],
    nullable: true,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @Matches(/^wx[0-9A-Za-z]{16}$/, { each: true, message: 'appids: each value must be an appid' })
  appids?: string[] | null;

  @ApiPropertyOptional({ description: 'Paused subscriptions get nothing new and keep their queue', example: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class CreateWebhookDto extends WebhookOptionsDto {
  @ApiProperty({ description: 'Where to POST (http or https)', example: 'https://crm.example.com/wechat/hook' })
  @IsString()
  @MaxLength(2048)
  @Matches(URL_PATTERN, { message: 'url: must be an absolute http:// or https:// URL' })
  url!: string;

  @ApiProperty({
    description: 'async: every matching message, at least once, with retries; reply: asked for the passive reply',
    enum: WEBHOOK_MODES,
    example: 'async',
  })
  @IsIn(WEBHOOK_MODES, { message: 'mode: must be reply or async' })
  mode!: WebhookMode;
}

/** PATCH: only the fields given change. */
export class UpdateWebhookDto extends WebhookOptionsDto {
  @ApiPropertyOptional({ description: 'Where to POST (http or https)', example: 'https://crm.example.com/wechat/hook' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @Matches(URL_PATTERN, { message: 'url: must be an absolute http:// or https:// URL' })
  url?: string;

  @ApiPropertyOptional({
    description: 'async: every matching message, at least once, with retries; reply: asked for the passive reply',
    enum: WEBHOOK_MODES,
    example: 'async',
  })
  @IsOptional()
  @IsIn(WEBHOOK_MODES, { message: 'mode: must be reply or async' })
  mode?: WebhookMode;
}

export function toSubscriptionInput(dto: UpdateWebhookDto | CreateWebhookDto): WebhookSubscriptionInput {
  return {
    // null on a plain field means "unchanged", like leaving it out.
    url: dto.url ?? undefined,
    secret: dto.secret ?? undefined,
    mode: dto.mode ?? undefined,
    msgTypes: dto.msg_types,
    events: dto.events,
    appids: dto.appids,
    enabled: dto.enabled ?? undefined,
  };
}
