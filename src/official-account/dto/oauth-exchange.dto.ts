import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** POST /api/accounts/:appid/oauth/exchange */
export class OAuthExchangeRequestDto {
  @ApiProperty({
    description: 'The code WeChat appended to redirect_uri (single use, 5 minutes)',
    example: '061Abc0w3Xyz',
  })
  @IsString()
  @Length(1, 512)
  code!: string;
}

/** sns/oauth2/component/access_token's answer (§8.1 step 2); the same one again for a repeated code. */
export class OAuthTokenDto {
  @ApiProperty({ description: "The user's openid in this account", example: 'oUSER123' })
  openid!: string;

  @ApiProperty({
    description: "The user's web access token (for sns/userinfo), not the account's",
    example: '86_UsErAt...',
  })
  access_token!: string;

  @ApiProperty({ description: 'Seconds the user access token lives', example: 7200 })
  expires_in!: number;

  @ApiProperty({ description: 'Renews the user access token (30 days)', example: '86_UsErRt...' })
  refresh_token!: string;

  @ApiProperty({ description: 'Scope the user granted', example: 'snsapi_userinfo' })
  scope!: string;

  @ApiPropertyOptional({
    description: 'Open-platform unionid, when WeChat gives one',
    example: 'o6_bmasdasdsad6_2sgVt7hMZOPfL',
  })
  unionid?: string;
}
