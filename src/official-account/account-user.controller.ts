import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../common/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { AccountApiService } from '../token/account-api.service.js';
import { UserInfoDto, UserInfoQueryDto } from './dto/user-info.dto.js';

@ApiTags('users')
@ApiBearerAuth()
@ApiResponse({ status: 403, description: 'The key lacks the proxy scope or this appid', type: ErrorResponseDto })
@ApiResponse({ status: 404, description: 'Unknown account', type: ErrorResponseDto })
@ApiResponse({ status: 502, description: 'WeChat refused, e.g. 40003 invalid openid', type: ErrorResponseDto })
@RequireScopes('proxy')
@Controller('accounts/:appid/users')
export class AccountUserController {
  constructor(private readonly api: AccountApiService) {}

  @Get(':openid')
  @ApiOperation({ summary: "A follower's profile (cgi-bin/user/info), as WeChat gives it" })
  @ApiParam({ name: 'appid', description: 'The official account appid', example: 'wxdemoofficial0001' })
  @ApiParam({ name: 'openid', description: "The user's openid in this account", example: 'oUSER123' })
  @ApiOkResponse({ type: UserInfoDto })
  get(
    @Param('appid') appid: string,
    @Param('openid') openid: string,
    @Query() query: UserInfoQueryDto,
  ): Promise<UserInfoDto> {
    return this.api.get<UserInfoDto>(appid, '/cgi-bin/user/info', { openid, lang: query.lang ?? 'zh_CN' });
  }
}
