import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccountDto, toAccountDto } from '../account/dto/account.dto.js';
import { RequireScopes } from '../common/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { AuthorizationService } from './authorization.service.js';

/** Lives here, not in account/: it calls the component API, which the account module may not import. */
@ApiTags('accounts')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid API key', type: ErrorResponseDto })
@ApiResponse({ status: 403, description: 'The key lacks accounts:write or this appid', type: ErrorResponseDto })
@RequireScopes('accounts:write')
@Controller('accounts')
export class AccountSyncController {
  constructor(private readonly authorization: AuthorizationService) {}

  @Post(':appid/sync')
  @HttpCode(200)
  @ApiOperation({
    summary: "Re-read the account's info, granted permission sets and refresh token from WeChat",
    description: 'WeChat errcode 61003 (no longer authorized) marks the account revoked and answers 502.',
  })
  @ApiOkResponse({ type: AccountDto })
  @ApiResponse({ status: 400, description: 'Not a component account', type: ErrorResponseDto })
  @ApiResponse({ status: 404, description: 'No such account', type: ErrorResponseDto })
  async sync(@Param('appid') appid: string): Promise<AccountDto> {
    return toAccountDto(await this.authorization.syncAccount(appid));
  }
}
