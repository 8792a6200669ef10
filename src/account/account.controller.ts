import { Controller, Delete, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../common/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { AccountService } from './account.service.js';
import { AccountDto, AccountPageDto, toAccountDto, toAccountPageDto } from './dto/account.dto.js';
import { ListAccountsQueryDto, toListAccountsQuery } from './dto/list-accounts-query.dto.js';

@ApiTags('accounts')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid API key', type: ErrorResponseDto })
@ApiResponse({
  status: 403,
  description: 'The key lacks the scope or may not act on this appid',
  type: ErrorResponseDto,
})
@Controller('accounts')
export class AccountController {
  constructor(private readonly accounts: AccountService) {}

  @Get()
  @RequireScopes('tokens:read', 'accounts:write')
  @ApiOperation({ summary: 'List accounts, filtered by kind, source and status, newest last' })
  @ApiOkResponse({ type: AccountPageDto })
  @ApiResponse({ status: 400, description: 'A filter is invalid (named in message)', type: ErrorResponseDto })
  async list(@Query() query: ListAccountsQueryDto): Promise<AccountPageDto> {
    return toAccountPageDto(await this.accounts.list(toListAccountsQuery(query)));
  }

  @Get(':appid')
  @RequireScopes('tokens:read', 'accounts:write')
  @ApiOperation({ summary: 'One account (never its refresh token)' })
  @ApiOkResponse({ type: AccountDto })
  @ApiResponse({ status: 404, description: 'No such account', type: ErrorResponseDto })
  async get(@Param('appid') appid: string): Promise<AccountDto> {
    return toAccountDto(await this.accounts.get(appid));
  }

  @Delete(':appid')
  @RequireScopes('accounts:write')
  @ApiOperation({
    summary: 'Remove an account from the gateway; answers the removed account',
    description:
      'Deletes the row, its refresh token and cached tokens. The authorization in WeChat stays until the owner ' +
      'revokes it; the next reconciliation or authorization brings a still-authorized account back.',
  })
  @ApiOkResponse({ type: AccountDto })
  @ApiResponse({ status: 404, description: 'No such account', type: ErrorResponseDto })
  async remove(@Param('appid') appid: string): Promise<AccountDto> {
    return toAccountDto(await this.accounts.remove(appid));
  }
}
