import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  ACCOUNT_KINDS,
  ACCOUNT_SOURCES,
  ACCOUNT_STATUSES,
  type AccountKind,
  type AccountSource,
  type AccountStatus,
  type ListAccountsQuery,
} from '../account.types.js';

export const MAX_PAGE_SIZE = 100;

export class ListAccountsQueryDto {
  @ApiPropertyOptional({ description: 'Only this kind', example: 'official_account', enum: ACCOUNT_KINDS })
  @IsOptional()
  @IsIn(ACCOUNT_KINDS, { message: `kind: must be one of ${ACCOUNT_KINDS.join(', ')}` })
  kind?: AccountKind;

  @ApiPropertyOptional({ description: 'Only this source', example: 'component', enum: ACCOUNT_SOURCES })
  @IsOptional()
  @IsIn(ACCOUNT_SOURCES, { message: `source: must be one of ${ACCOUNT_SOURCES.join(', ')}` })
  source?: AccountSource;

  @ApiPropertyOptional({ description: 'Only this status', example: 'authorized', enum: ACCOUNT_STATUSES })
  @IsOptional()
  @IsIn(ACCOUNT_STATUSES, { message: `status: must be one of ${ACCOUNT_STATUSES.join(', ')}` })
  status?: AccountStatus;

  @ApiPropertyOptional({ description: 'Page number, from 1', example: 1, default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({
    description: `Accounts per page, at most ${MAX_PAGE_SIZE}`,
    example: 20,
    default: 20,
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  page_size?: number;
}

export function toListAccountsQuery(dto: ListAccountsQueryDto): ListAccountsQuery {
  return { kind: dto.kind, source: dto.source, status: dto.status, page: dto.page ?? 1, pageSize: dto.page_size ?? 20 };
}
