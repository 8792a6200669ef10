import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import type { AuthorizationUrlOptions, AuthorizationUrls, AuthType } from '../authorization-urls.js';
import type { PreAuthCode } from '../authorization-url.service.js';

export class PreAuthCodeDto {
  @ApiProperty({ description: 'A fresh pre_auth_code for one authorization page', example: 'preauthcode@@@Def...' })
  pre_auth_code!: string;

  @ApiProperty({ description: 'Seconds it stays usable (as WeChat said)', example: 1800 })
  expires_in!: number;
}

export class AuthorizationUrlRequestDto {
  @ApiPropertyOptional({
    description:
      'Where the browser goes after authorizing, with `appid` added; must be on AUTH_REDIRECT_ALLOWLIST. ' +
      "Omit for the gateway's own result page",
    example: 'https://app.example.com/wechat/done?state=42',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'redirect_uri: must be an http(s) URL' })
  redirect_uri?: string;

  @ApiPropertyOptional({
    description: '1 official accounts only, 2 mini programs only, 3 both (default)',
    example: 3,
    enum: [1, 2, 3],
  })
  @IsOptional()
  @IsIn([1, 2, 3], { message: 'auth_type: must be 1, 2 or 3' })
  auth_type?: AuthType;

  @ApiPropertyOptional({
    description: 'Only this account may authorize (WeChat: excludes auth_type)',
    example: 'wxdemoofficial0001',
  })
  @IsOptional()
  @Matches(/^wx[0-9A-Za-z]{16}$/, { message: 'biz_appid: must be an appid ("wx" and 16 letters or digits)' })
  biz_appid?: string;

  @ApiPropertyOptional({
    description: 'Permission sets to pre-select (sent as 1|15; not confirmed in current WeChat docs)',
    example: [1, 15],
    type: [Number],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(64)
  @IsInt({ each: true, message: 'category_id_list: each value must be an integer' })
  category_id_list?: number[];
}

export class AuthorizationUrlsDto {
  @ApiProperty({
    description: "The gateway's initiation page: send owners here (it mints its own pre_auth_code per visit)",
    example: 'https://gw.example.com/wechat/authorize?redirect_uri=https%3A%2F%2Fapp.example.com%2Fwechat%2Fdone',
  })
  gateway_url!: string;

  @ApiProperty({
    description: "WeChat's PC scan page; works only when opened from a page on the gateway's domain",
    example: 'https://mp.weixin.qq.com/cgi-bin/componentloginpage?component_appid=wx...&pre_auth_code=...',
  })
  pc_url!: string;

  @ApiProperty({
    description: "WeChat's in-app (H5) page, current form",
    example: 'https://open.weixin.qq.com/wxaopen/safe/bindcomponent?action=bindcomponent&no_scan=1&...#wechat_redirect',
  })
  mobile_url!: string;

  @ApiProperty({
    description: "WeChat's older in-app page form",
    example: 'https://mp.weixin.qq.com/safe/bindcomponent?action=bindcomponent&no_scan=1&...#wechat_redirect',
  })
  mobile_url_legacy!: string;

  @ApiProperty({ description: 'The pre_auth_code inside pc_url and mobile_url', example: 'preauthcode@@@Def...' })
  pre_auth_code!: string;

  @ApiProperty({ description: 'Seconds that code stays usable', example: 1800 })
  expires_in!: number;
}

export function toPreAuthCodeDto(p: PreAuthCode): PreAuthCodeDto {
  return { pre_auth_code: p.preAuthCode, expires_in: p.expiresIn };
}

export function toAuthorizationUrlOptions(dto: AuthorizationUrlRequestDto): AuthorizationUrlOptions {
  return {
    redirectUri: dto.redirect_uri,
    authType: dto.auth_type,
    bizAppid: dto.biz_appid,
    categoryIdList: dto.category_id_list,
  };
}

export function toAuthorizationUrlsDto(u: AuthorizationUrls): AuthorizationUrlsDto {
  return {
    gateway_url: u.gatewayUrl,
    pc_url: u.pcUrl,
    mobile_url: u.mobileUrl,
    mobile_url_legacy: u.mobileUrlLegacy,
    pre_auth_code: u.preAuthCode,
    expires_in: u.expiresIn,
  };
}
