import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

/** GET /api/accounts/:appid/oauth/userinfo: the profile behind a snsapi_userinfo token (§8.1 step 4). */
export class OAuthUserInfoQueryDto {
  @ApiProperty({ description: 'The user access token from /oauth/exchange', example: '86_UsErAt...' })
  @IsString()
  @Length(1, 512)
  access_token!: string;

  @ApiProperty({ description: 'The openid from /oauth/exchange', example: 'oUSER123' })
  @IsString()
  @Length(1, 64)
  openid!: string;

  @ApiPropertyOptional({
    description: 'Language of province/city/country',
    enum: ['zh_CN', 'zh_TW', 'en'],
    example: 'zh_CN',
  })
  @IsOptional()
  @IsIn(['zh_CN', 'zh_TW', 'en'])
  lang?: string;
}
