import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../common/decorators/auth.decorators.js';
import { BadInputError } from '../common/errors/app-errors.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { TICKET_TYPES, type TicketType } from './account-ticket.store.js';
import { AccountTokenService } from './account-token.service.js';
import {
  AccountAccessTokenDto,
  RefreshAccessTokenDto,
  toAccountAccessTokenDto,
} from './dto/account-access-token.dto.js';
import {
  AccountTicketDto,
  JssdkConfigDto,
  JssdkConfigRequestDto,
  toAccountTicketDto,
  toJssdkConfigDto,
} from './dto/account-ticket.dto.js';
import { JsapiTicketService } from './jsapi-ticket.service.js';

@ApiTags('tokens')
@ApiBearerAuth()
@ApiParam({ name: 'appid', description: 'The account appid', example: 'wxdemoofficial0001' })
@ApiResponse({ status: 401, description: 'Missing or invalid API key', type: ErrorResponseDto })
@ApiResponse({
  status: 403,
  description: 'The key lacks tokens:read or may not act on this appid',
  type: ErrorResponseDto,
})
@ApiResponse({ status: 404, description: 'No such account', type: ErrorResponseDto })
@ApiResponse({
  status: 409,
  description: 'The account is not authorized (revoked) or needs re-authorization (refresh token unrecoverable)',
  type: ErrorResponseDto,
})
@ApiResponse({
  status: 502,
  description: 'WeChat refused (errcode/errmsg included) or is unreachable',
  type: ErrorResponseDto,
})
@Controller('accounts/:appid')
export class AccountTokenController {
  constructor(
    private readonly tokens: AccountTokenService,
    private readonly tickets: JsapiTicketService,
  ) {}

  @Get('access-token')
  @RequireScopes('tokens:read')
  @ApiOperation({ summary: "The account's access token, renewed ahead of expiry; internal apps never fetch their own" })
  @ApiOkResponse({ type: AccountAccessTokenDto })
  async get(@Param('appid') appid: string): Promise<AccountAccessTokenDto> {
    return toAccountAccessTokenDto(await this.tokens.get(appid));
  }

  @Post('access-token/refresh')
  @HttpCode(200)
  @RequireScopes('tokens:read')
  @ApiOperation({
    summary: 'Forced refresh; with stale_token only while that is still the current token',
    description: 'However many callers report one stale token, on however many instances, WeChat sees one call.',
  })
  @ApiOkResponse({ type: AccountAccessTokenDto })
  async refresh(@Param('appid') appid: string, @Body() body: RefreshAccessTokenDto): Promise<AccountAccessTokenDto> {
    return toAccountAccessTokenDto(await this.tokens.refresh(appid, body.stale_token));
  }

  @Get('tickets/:type')
  @RequireScopes('tokens:read')
  @ApiOperation({ summary: 'jsapi_ticket (type jsapi) or the card api_ticket (type wx_card)' })
  @ApiParam({ name: 'type', enum: TICKET_TYPES })
  @ApiOkResponse({ type: AccountTicketDto })
  @ApiResponse({ status: 400, description: 'type is not jsapi or wx_card', type: ErrorResponseDto })
  async ticket(@Param('appid') appid: string, @Param('type') type: string): Promise<AccountTicketDto> {
    if (!(TICKET_TYPES as readonly string[]).includes(type)) {
      throw new BadInputError(`type: must be one of ${TICKET_TYPES.join(', ')}`);
    }
    return toAccountTicketDto(await this.tickets.get(appid, type as TicketType));
  }

  @Post('jssdk/config')
  @HttpCode(200)
  @RequireScopes('tokens:read')
  @ApiOperation({
    summary: 'wx.config values (appId, timestamp, nonceStr, signature) for one page URL',
    description: "Signed with the account's own jsapi_ticket; appId is the account's (the authorizer's, pitfall 24).",
  })
  @ApiOkResponse({ type: JssdkConfigDto })
  @ApiResponse({ status: 400, description: 'url is missing or not an absolute http(s) URL', type: ErrorResponseDto })
  async jssdkConfig(@Param('appid') appid: string, @Body() body: JssdkConfigRequestDto): Promise<JssdkConfigDto> {
    return toJssdkConfigDto(await this.tickets.jssdkConfig(appid, body.url));
  }
}
