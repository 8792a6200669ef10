import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { AccessToken } from '../account-token.service.js';

export class RefreshAccessTokenDto {
  @ApiPropertyOptional({
    description:
      'The token WeChat rejected: refreshed only while it is still the current one, otherwise the current ' +
      'one is returned without calling WeChat. Without it the refresh is unconditional.',
    example: '86_Fq2Xk...',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  stale_token?: string;
}

export class AccountAccessTokenDto {
  @ApiProperty({
    description: 'access_token of the account (authorizer_access_token in component mode)',
    example: '86_Fq2Xk...',
  })
  access_token!: string;

  @ApiProperty({ description: 'When WeChat stops accepting it (ISO 8601, UTC)', example: '2026-01-01T10:00:00.000Z' })
  expires_at!: string;

  @ApiProperty({ description: 'Seconds until expires_at', example: 6300 })
  expires_in!: number;
}

export function toAccountAccessTokenDto(t: AccessToken): AccountAccessTokenDto {
  return { access_token: t.accessToken, expires_at: t.expiresAt.toISOString(), expires_in: secondsUntil(t.expiresAt) };
}

export function secondsUntil(at: Date): number {
  return Math.max(0, Math.floor((at.getTime() - Date.now()) / 1000));
}
