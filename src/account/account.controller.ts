import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../common/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { AccountService } from './account.service.js';
import { AccountDto, AccountPageDto, toAccountDto, toAccountPageDto } from './dto/account.dto.js';
import { ListAccountsQueryDto, toListAccountsQuery } from './dto/list-accounts-query.dto.js';
import { RegisterDirectAccountDto, toRegisterDirectInput } from './dto/register-direct-account.dto.js';

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

  @Post()
  @RequireScopes('accounts:write')
  @ApiOperation({
    summary: 'Register a directly-managed account (appid + secret); registering it again replaces its credentials',
    description:
      'Its token comes from cgi-bin/stable_token (or cgi-bin/token with token_endpoint "classic"). The secret and ' +
      "the AES key are sealed at rest and never returned. The gateway must be on the account's IP allow-list " +
      '(WeChat 40164 / 61004 otherwise, answered 502 with the errcode).',
  })
  @ApiCreatedResponse({ type: AccountDto })
  @ApiResponse({ status: 400, description: 'A field is invalid (named in message)', type: ErrorResponseDto })
  @ApiResponse({
    status: 409,
    description: 'The appid is managed through the third-party platform',
    type: ErrorResponseDto,
  })
  async register(@Body() body: RegisterDirectAccountDto): Promise<AccountDto> {
    return toAccountDto((await this.accounts.registerDirect(toRegisterDirectInput(body))).account);
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
