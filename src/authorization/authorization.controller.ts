import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../common/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { AuthorizationUrlService } from './authorization-url.service.js';
import {
  AuthorizationUrlRequestDto,
  AuthorizationUrlsDto,
  PreAuthCodeDto,
  toAuthorizationUrlOptions,
  toAuthorizationUrlsDto,
  toPreAuthCodeDto,
} from './dto/authorization.dto.js';

@ApiTags('authorization')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid API key', type: ErrorResponseDto })
@ApiResponse({ status: 403, description: 'The key lacks the accounts:write scope', type: ErrorResponseDto })
@ApiResponse({ status: 503, description: 'Component not configured, or no ticket yet', type: ErrorResponseDto })
@RequireScopes('accounts:write')
@Controller('authorizations')
export class AuthorizationController {
  constructor(private readonly authorizationUrls: AuthorizationUrlService) {}

  @Post('pre-auth-code')
  @HttpCode(200)
  @ApiOperation({ summary: 'A fresh pre_auth_code (new on every call, never cached)' })
  @ApiOkResponse({ type: PreAuthCodeDto })
  async preAuthCode(): Promise<PreAuthCodeDto> {
    return toPreAuthCodeDto(await this.authorizationUrls.createPreAuthCode());
  }

  @Post('url')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Authorization URLs for given options',
    description:
      "Owners must open gateway_url (or the WeChat URLs from a page on the gateway's domain): WeChat checks " +
      'the entry page domain. WeChat sends the browser back to the gateway, which stores the account and then ' +
      'redirects to redirect_uri with appid added.',
  })
  @ApiOkResponse({ type: AuthorizationUrlsDto })
  @ApiResponse({
    status: 400,
    description: 'redirect_uri not allow-listed, or a field invalid',
    type: ErrorResponseDto,
  })
  async urls(@Body() dto: AuthorizationUrlRequestDto): Promise<AuthorizationUrlsDto> {
    return toAuthorizationUrlsDto(await this.authorizationUrls.buildUrls(toAuthorizationUrlOptions(dto)));
  }
}
