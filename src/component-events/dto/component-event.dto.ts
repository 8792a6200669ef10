import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { ComponentEventEntity } from '../entities/component-event.entity.js';

export class RecentEventsQueryDto {
  @ApiProperty({ description: 'How many of the latest pushes to return (1 to 200)', example: 50, required: false })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class ComponentEventDto {
  @ApiProperty({ description: 'Event id', example: '0b6c1f5e-2d3a-4f1b-9c8d-7e6f5a4b3c2d' })
  id!: string;

  @ApiProperty({ description: 'InfoType of the push', example: 'authorized' })
  info_type!: string;

  @ApiProperty({
    description: 'The account concerned, when the push names one',
    example: 'wx0123456789abcdef',
    nullable: true,
    type: String,
  })
  authorizer_appid!: string | null;

  @ApiProperty({ description: "WeChat's CreateTime (unix seconds)", example: 1700000100 })
  create_time!: number;

  @ApiProperty({ description: 'When the gateway received it (ISO 8601, UTC)', example: '2026-01-01T08:00:00.000Z' })
  received_at!: string;

  @ApiProperty({
    description: 'When processing finished; null while it runs',
    example: '2026-01-01T08:00:00.420Z',
    nullable: true,
    type: String,
  })
  processed_at!: string | null;

  @ApiProperty({
    description: 'Why processing failed; null when it succeeded',
    example: null,
    nullable: true,
    type: String,
  })
  error!: string | null;

  @ApiProperty({
    description: 'The decrypted fields, with the ticket and authorization codes masked',
    example: {
      AppId: 'wx0123456789abcdef',
      InfoType: 'authorized',
      AuthorizerAppid: 'wxaaaaaaaaaaaaaaa1',
      AuthorizationCode: '***',
    },
  })
  payload!: Record<string, unknown>;
}

export function toComponentEventDto(e: ComponentEventEntity): ComponentEventDto {
  return {
    id: e.id,
    info_type: e.infoType,
    authorizer_appid: e.authorizerAppid,
    create_time: e.createTime,
    received_at: e.receivedAt.toISOString(),
    processed_at: e.processedAt ? e.processedAt.toISOString() : null,
    error: e.error,
    payload: JSON.parse(e.payload) as Record<string, unknown>,
  };
}
