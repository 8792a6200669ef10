import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../common/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { CustomMessageDto } from './dto/custom-message.dto.js';
import { TemplateMessageDto, TemplateMessageResultDto } from './dto/template-message.dto.js';
import { MessageService } from './message.service.js';

@ApiTags('messages')
@ApiBearerAuth()
@ApiParam({ name: 'appid', description: 'The account appid', example: 'wxdemoofficial0001' })
@ApiResponse({ status: 400, description: 'Bad input, naming the field', type: ErrorResponseDto })
@ApiResponse({ status: 403, description: 'The key lacks the proxy scope or this appid', type: ErrorResponseDto })
@ApiResponse({ status: 404, description: 'Unknown account', type: ErrorResponseDto })
@ApiResponse({ status: 502, description: 'WeChat refused (errcode/errmsg in the body)', type: ErrorResponseDto })
@RequireScopes('proxy')
@Controller('accounts/:appid/messages')
export class MessageController {
  constructor(private readonly messages: MessageService) {}

  @Post('custom')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Customer-service message (cgi-bin/message/custom/send); only within 48 h of the user writing. Not resent on a timeout: a duplicate would reach the user',
  })
  @ApiOkResponse({ description: 'WeChat accepted the message', schema: { type: 'object', example: {} } })
  async custom(@Param('appid') appid: string, @Body() body: CustomMessageDto): Promise<Record<string, never>> {
    await this.messages.sendCustom(appid, body);
    return {};
  }

  @Post('template')
  @HttpCode(200)
  @ApiOperation({ summary: 'Template message (cgi-bin/message/template/send)' })
  @ApiOkResponse({ type: TemplateMessageResultDto })
  template(@Param('appid') appid: string, @Body() body: TemplateMessageDto): Promise<TemplateMessageResultDto> {
    return this.messages.sendTemplate(appid, body);
  }
}
