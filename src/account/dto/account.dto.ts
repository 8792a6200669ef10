import { ApiProperty } from '@nestjs/swagger';
import {
  ACCOUNT_KINDS,
  ACCOUNT_SOURCES,
  ACCOUNT_STATUSES,
  parseFuncIds,
  type AccountKind,
  type AccountPage,
  type AccountSource,
  type AccountStatus,
} from '../account.types.js';
import type { AccountEntity } from '../entities/account.entity.js';

/** An account as internal apps see it. Never carries the refresh token. */
export class AccountDto {
  @ApiProperty({ description: 'The account appid', example: 'wxdemoofficial0001' })
  appid!: string;

  @ApiProperty({
    description: 'The third-party platform it authorized; null for directly-managed accounts',
    example: 'wxdemocomponent000',
    nullable: true,
    type: String,
  })
  component_appid!: string | null;

  @ApiProperty({ description: 'How the gateway manages it', example: 'component', enum: ACCOUNT_SOURCES })
  source!: AccountSource;

  @ApiProperty({ description: 'Official account or mini program', example: 'official_account', enum: ACCOUNT_KINDS })
  kind!: AccountKind;

  @ApiProperty({
    description: 'authorized: usable; revoked: the owner withdrew it; needs_reauthorization: its refresh token is dead',
    example: 'authorized',
    enum: ACCOUNT_STATUSES,
  })
  status!: AccountStatus;

  @ApiProperty({ description: 'Display name', example: 'Demo Shop', nullable: true, type: String })
  nick_name!: string | null;

  @ApiProperty({ description: 'Avatar URL', example: 'http://wx.qlogo.cn/mmopen/xxx/0', nullable: true, type: String })
  head_img!: string | null;

  @ApiProperty({ description: 'Original id', example: 'gh_0123456789ab', nullable: true, type: String })
  user_name!: string | null;

  @ApiProperty({ description: 'Owner (entity) name', example: 'Demo Co., Ltd.', nullable: true, type: String })
  principal_name!: string | null;

  @ApiProperty({ description: 'WeChat id alias', example: 'demoshop', nullable: true, type: String })
  alias!: string | null;

  @ApiProperty({
    description: 'service_type_info.id: 0 subscription, 1 upgraded subscription, 2 service account (MP: 0)',
    example: 2,
    nullable: true,
    type: Number,
  })
  service_type!: number | null;

  @ApiProperty({
    description: 'verify_type_info.id: -1 unverified, 0 WeChat-verified, others per WeChat docs',
    example: 0,
    nullable: true,
    type: Number,
  })
  verify_type!: number | null;

  @ApiProperty({ description: 'Permission sets actually granted (func_info ids)', example: [1, 15], type: [Number] })
  func_ids!: number[];

  @ApiProperty({
    description: 'Latest authorization (ISO 8601, UTC)',
    example: '2026-01-01T08:00:00.000Z',
    nullable: true,
    type: String,
  })
  authorized_at!: string | null;

  @ApiProperty({
    description: 'When the owner revoked; null while authorized',
    example: null,
    nullable: true,
    type: String,
  })
  revoked_at!: string | null;

  @ApiProperty({
    description: 'Last read of api_get_authorizer_info; null when not read yet',
    example: '2026-01-01T08:00:00.000Z',
    nullable: true,
    type: String,
  })
  info_synced_at!: string | null;

  @ApiProperty({ description: 'First seen (ISO 8601, UTC)', example: '2026-01-01T08:00:00.000Z' })
  created_at!: string;

  @ApiProperty({ description: 'Last change (ISO 8601, UTC)', example: '2026-01-01T08:00:00.000Z' })
  updated_at!: string;
}

export class AccountPageDto {
  @ApiProperty({ description: 'Accounts of this page', type: [AccountDto] })
  items!: AccountDto[];

  @ApiProperty({ description: 'Accounts matching the filters, all pages', example: 3 })
  total!: number;

  @ApiProperty({ description: 'This page, from 1', example: 1 })
  page!: number;

  @ApiProperty({ description: 'Page size asked for', example: 20 })
  page_size!: number;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toAccountDto(e: AccountEntity): AccountDto {
  return {
    appid: e.appid,
    component_appid: e.componentAppid,
    source: e.source,
    kind: e.kind,
    status: e.status,
    nick_name: e.nickName,
    head_img: e.headImg,
    user_name: e.userName,
    principal_name: e.principalName,
    alias: e.alias,
    service_type: e.serviceType,
    verify_type: e.verifyType,
    func_ids: parseFuncIds(e.funcIds),
    authorized_at: iso(e.authorizedAt),
    revoked_at: iso(e.revokedAt),
    info_synced_at: iso(e.infoSyncedAt),
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}

export function toAccountPageDto(p: AccountPage<AccountEntity>): AccountPageDto {
  return { items: p.items.map(toAccountDto), total: p.total, page: p.page, page_size: p.pageSize };
}
