import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { API_SCOPES, type ApiScope } from '../../common/decorators/auth.decorators.js';
import type { ApiKeyEntity } from '../entities/api-key.entity.js';

export class CreateApiKeyDto {
  @ApiProperty({ description: 'What the key is for (an app or team name)', example: 'crm-backend' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  name!: string;

  @ApiProperty({
    description: `Scopes granted: ${API_SCOPES.join(', ')} (admin holds all)`,
    example: ['tokens:read', 'proxy'],
    enum: API_SCOPES,
    isArray: true,
  })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(API_SCOPES, { each: true, message: `scopes: each value must be one of ${API_SCOPES.join(', ')}` })
  scopes!: ApiScope[];

  @ApiPropertyOptional({
    description: 'Appids this key may act on; omit or leave empty for any',
    example: ['wx0123456789abcdef'],
    type: [String],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(/^wx[0-9A-Za-z]{16}$/, {
    each: true,
    message: 'allowed_appids: each value must be an appid ("wx" and 16 letters or digits)',
  })
  allowed_appids?: string[];
}

export class ApiKeyDto {
  @ApiProperty({ description: 'Key id, used to revoke it', example: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f' })
  id!: string;

  @ApiProperty({ description: 'What the key is for', example: 'crm-backend' })
  name!: string;

  @ApiProperty({ description: 'The public start of the key, to recognise it', example: 'wog_ab12cd34' })
  prefix!: string;

  @ApiProperty({ description: 'Scopes granted', example: ['tokens:read', 'proxy'], enum: API_SCOPES, isArray: true })
  scopes!: ApiScope[];

  @ApiProperty({
    description: 'Appids this key may act on; null for any',
    example: null,
    type: [String],
    nullable: true,
  })
  allowed_appids!: string[] | null;

  @ApiProperty({ description: 'Creation time (ISO 8601, UTC)', example: '2026-01-01T08:00:00.000Z' })
  created_at!: string;

  @ApiProperty({
    description: 'Last use, to the minute (ISO 8601, UTC)',
    example: '2026-01-02T08:00:00.000Z',
    nullable: true,
    type: String,
  })
  last_used_at!: string | null;

  @ApiProperty({
    description: 'Revocation time; null while the key works',
    example: null,
    nullable: true,
    type: String,
  })
  revoked_at!: string | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    description: 'The key. Shown this once and never again: store it now. Send it as Authorization: Bearer <key>',
    example: 'wog_ab12cd34_Qm9ndXNFeGFtcGxlS2V5Tm90UmVhbDAwMDAwMA',
  })
  key!: string;
}

export function toApiKeyDto(e: ApiKeyEntity): ApiKeyDto {
  return {
    id: e.id,
    name: e.name,
    prefix: e.prefix,
    scopes: e.scopes.split(' ').filter(Boolean) as ApiScope[],
    allowed_appids: e.allowedAppids ? e.allowedAppids.split(' ').filter(Boolean) : null,
    created_at: e.createdAt.toISOString(),
    last_used_at: e.lastUsedAt ? e.lastUsedAt.toISOString() : null,
    revoked_at: e.revokedAt ? e.revokedAt.toISOString() : null,
  };
}
