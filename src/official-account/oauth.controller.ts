import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../common/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { OAuthExchangeRequestDto, OAuthTokenDto } from './dto/oauth-exchange.dto.js';
import { OAuthUrlDto, OAuthUrlRequestDto } from './dto/oauth-url.dto.js';
import { OAuthUserInfoQueryDto } from './dto/oauth-userinfo.dto.js';
import { OAuthService } from './oauth.service.js';

@ApiTags('oauth')
@ApiBearerAuth()
@ApiParam({ name: 'appid', description: 'The official account appid', example: 'wxdemoofficial0001' })
@ApiResponse({ status: 400, description: 'Bad input, naming the field', type: ErrorResponseDto })
@ApiResponse({ status: 403, description: 'The key lacks the proxy scope or this appid', type: ErrorResponseDto })
@ApiResponse({ status: 404, description: 'Unknown account', type: ErrorResponseDto })
@ApiResponse({ status: 502, description: 'WeChat refused, e.g. 40029 invalid code', type: ErrorResponseDto })
@ApiResponse({ status: 503, description: 'Component not configured, or no ticket yet', type: ErrorResponseDto })
@RequireScopes('proxy')
@Controller('accounts/:appid/oauth')
export class OAuthController {
  constructor(private readonly oauth: OAuthService) {}

  @Post('authorize-url')
  @HttpCode(200)
  @ApiOperation({
    summary: "The open.weixin.qq.com URL that starts web OAuth on the account's behalf (component mode)",
  })
  @ApiOkResponse({ type: OAuthUrlDto })
  authorizeUrl(@Param('appid') appid: string, @Body() body: OAuthUrlRequestDto): Promise<OAuthUrlDto> {
    return this.oauth.authorizeUrl(appid, body);
  }

  @Post('exchange')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Exchanges the code from the OAuth redirect (sns/oauth2/component/access_token); the same code again within 5 minutes gets the same answer',
  })
  @ApiOkResponse({ type: OAuthTokenDto })
  exchange(@Param('appid') appid: string, @Body() body: OAuthExchangeRequestDto): Promise<OAuthTokenDto> {
    return this.oauth.exchange(appid, body.code);
  }

  @Get('userinfo')
  @ApiOperation({
    summary: 'The user profile behind a snsapi_userinfo access token (sns/userinfo), as WeChat gives it',
  })
  @ApiOkResponse({ description: 'openid, nickname, sex, province, city, country, headimgurl, privilege, unionid?' })
  userInfo(@Query() query: OAuthUserInfoQueryDto): Promise<Record<string, unknown>> {
    return this.oauth.userInfo(query);
  }
}
