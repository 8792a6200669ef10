import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUrl, Matches, MaxLength } from 'class-validator';
import type { OAuthScope } from '../oauth-url.js';

const SCOPES: OAuthScope[] = ['snsapi_base', 'snsapi_userinfo'];

/** POST /api/accounts/:appid/oauth/authorize-url */
export class OAuthUrlRequestDto {
  @ApiProperty({
    description: "Where WeChat sends the user back (on the component's official-account web domain)",
    example: 'https://app.example.com/wechat/oauth/callback',
  })
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'], require_tld: false })
  @MaxLength(1024)
  redirect_uri!: string;

  @ApiProperty({
    description: 'snsapi_base: silent, openid only; snsapi_userinfo: consent page',
    enum: SCOPES,
    example: 'snsapi_base',
  })
  @IsIn(SCOPES)
  scope!: OAuthScope;

  @ApiPropertyOptional({ description: 'Returned as is with the code (a-z, A-Z, 0-9, up to 128)', example: 'order42' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{1,128}$/, { message: 'state: only a-z, A-Z, 0-9, at most 128 characters' })
  state?: string;
}

export class OAuthUrlDto {
  @ApiProperty({
    description: "Open it in the user's WeChat browser",
    example:
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wxdemoofficial0001&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb' +
      '&response_type=code&scope=snsapi_base&state=order42&component_appid=wxdemocomponent000&connect_redirect=1#wechat_redirect',
  })
  url!: string;
}
