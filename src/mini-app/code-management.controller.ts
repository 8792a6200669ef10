import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../common/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { CodeManagementService } from './code-management.service.js';
import { AuditIdDto } from './dto/audit.dto.js';
import { CommitRequestDto } from './dto/commit.dto.js';
import { DomainsDto, ModifyDomainRequestDto } from './dto/modify-domain.dto.js';

const EMPTY = { description: 'WeChat accepted it', schema: { type: 'object', example: {} } };

@ApiTags('mini-program')
@ApiBearerAuth()
@ApiParam({ name: 'appid', description: 'The mini program appid', example: 'wxdemominiprog0001' })
@ApiResponse({ status: 400, description: 'Bad input, naming the field', type: ErrorResponseDto })
@ApiResponse({ status: 403, description: 'The key lacks the proxy scope or this appid', type: ErrorResponseDto })
@ApiResponse({ status: 404, description: 'Unknown account', type: ErrorResponseDto })
@ApiResponse({ status: 502, description: 'WeChat refused (errcode/errmsg in the body)', type: ErrorResponseDto })
@RequireScopes('proxy')
@Controller('accounts/:appid/mini-program')
export class CodeManagementController {
  constructor(private readonly code: CodeManagementService) {}

  @Post('commit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Upload code from a template (wxa/commit)' })
  @ApiOkResponse(EMPTY)
  async commit(@Param('appid') appid: string, @Body() body: CommitRequestDto): Promise<Record<string, never>> {
    await this.code.commit(appid, body);
    return {};
  }

  @Post('submit-audit')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Submit the committed code for review (wxa/submit_audit); the body goes to WeChat as given',
  })
  @ApiBody({
    description: 'wxa/submit_audit body (item_list, feedback_info, …), passed through',
    schema: { type: 'object', example: { item_list: [{ address: 'pages/index/index', tag: 'shop', title: 'Home' }] } },
  })
  @ApiOkResponse({ type: AuditIdDto })
  submitAudit(@Param('appid') appid: string, @Body() body: Record<string, unknown>): Promise<AuditIdDto> {
    return this.code.submitAudit(appid, body ?? {});
  }

  @Post('release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release the approved version (wxa/release)' })
  @ApiOkResponse(EMPTY)
  async release(@Param('appid') appid: string): Promise<Record<string, never>> {
    await this.code.release(appid);
    return {};
  }

  @Post('domain')
  @HttpCode(200)
  @ApiOperation({ summary: 'Read or change the server domains (wxa/modify_domain)' })
  @ApiOkResponse({ type: DomainsDto })
  domain(@Param('appid') appid: string, @Body() body: ModifyDomainRequestDto): Promise<DomainsDto> {
    return this.code.modifyDomain(appid, body);
  }
}
