import { ApiProperty } from '@nestjs/swagger';
import type { ComponentStatus } from '../component-status.service.js';

export class ComponentTicketStatusDto {
  @ApiProperty({ description: 'Whether a component_verify_ticket has been received and stored', example: true })
  present!: boolean;

  @ApiProperty({
    description: 'Seconds since the ticket was received (WeChat pushes every 600 s; it is valid 12 h)',
    example: 312,
    nullable: true,
    type: Number,
  })
  age_seconds!: number | null;

  @ApiProperty({
    description: 'When the ticket was received (ISO 8601, UTC)',
    example: '2026-01-01T08:00:00.000Z',
    nullable: true,
    type: String,
  })
  received_at!: string | null;
}

export class ComponentTokenStatusDto {
  @ApiProperty({ description: 'Whether an unexpired component_access_token is stored', example: true })
  present!: boolean;

  @ApiProperty({
    description: 'When WeChat stops accepting it (ISO 8601, UTC)',
    example: '2026-01-01T10:00:00.000Z',
    nullable: true,
    type: String,
  })
  expires_at!: string | null;
}

export class ComponentStatusDto {
  @ApiProperty({ description: 'Whether the WECHAT_COMPONENT_* credentials are set', example: true })
  configured!: boolean;

  @ApiProperty({
    description: 'AppID of the third-party platform; null when not configured',
    example: 'wx1234567890abcdef',
    nullable: true,
    type: String,
  })
  component_appid!: string | null;

  @ApiProperty({ description: 'The latest component_verify_ticket (never the ticket itself)' })
  ticket!: ComponentTicketStatusDto;

  @ApiProperty({ description: 'The current component_access_token (never the token itself)' })
  token!: ComponentTokenStatusDto;
}

export function toComponentStatusDto(s: ComponentStatus): ComponentStatusDto {
  return {
    configured: s.configured,
    component_appid: s.componentAppId,
    ticket: {
      present: s.ticket !== null,
      age_seconds: s.ticket?.ageSeconds ?? null,
      received_at: s.ticket?.receivedAt.toISOString() ?? null,
    },
    token: { present: s.token !== null, expires_at: s.token?.expiresAt.toISOString() ?? null },
  };
}
