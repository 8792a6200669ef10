import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/** GET /api/accounts/:appid/users/:openid */
export class UserInfoQueryDto {
  @ApiPropertyOptional({
    description: 'Language of province/city/country',
    enum: ['zh_CN', 'zh_TW', 'en'],
    example: 'zh_CN',
  })
  @IsOptional()
  @IsIn(['zh_CN', 'zh_TW', 'en'])
  lang?: string;
}

/** cgi-bin/user/info's answer, passed through (fields as WeChat names them; only the usual ones listed). */
export class UserInfoDto {
  @ApiProperty({ description: '1 when the user follows the account; 0: only openid is given', example: 1 })
  subscribe!: number;

  @ApiProperty({ description: "The user's openid", example: 'oUSER123' })
  openid!: string;

  @ApiPropertyOptional({ description: 'Interface language', example: 'zh_CN' })
  language?: string;

  @ApiPropertyOptional({ description: 'Unix time of the (last) follow', example: 1700000000 })
  subscribe_time?: number;

  @ApiPropertyOptional({ description: 'Open-platform unionid, when bound', example: 'o6_bmasdasdsad6_2sgVt7hMZOPfL' })
  unionid?: string;

  @ApiPropertyOptional({ description: "The account's remark on the user", example: 'VIP' })
  remark?: string;

  @ApiPropertyOptional({ description: 'Tag ids', example: [128, 2], type: [Number] })
  tagid_list?: number[];

  @ApiPropertyOptional({ description: 'How the user followed', example: 'ADD_SCENE_QR_CODE' })
  subscribe_scene?: string;
}
