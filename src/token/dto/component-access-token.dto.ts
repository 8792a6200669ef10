import { ApiProperty } from '@nestjs/swagger';
import type { ComponentAccessToken } from '../component-token.service.js';

export class ComponentAccessTokenDto {
  @ApiProperty({ description: 'component_access_token of the third-party platform', example: '86_Fq2Xk...' })
  component_access_token!: string;

  @ApiProperty({ description: 'When WeChat stops accepting it (ISO 8601, UTC)', example: '2026-01-01T10:00:00.000Z' })
  expires_at!: string;

  @ApiProperty({ description: 'Seconds until expires_at', example: 6300 })
  expires_in!: number;
}

export function toComponentAccessTokenDto(t: ComponentAccessToken): ComponentAccessTokenDto {
  return {
    component_access_token: t.accessToken,
    expires_at: t.expiresAt.toISOString(),
    expires_in: Math.max(0, Math.floor((t.expiresAt.getTime() - Date.now()) / 1000)),
  };
}
