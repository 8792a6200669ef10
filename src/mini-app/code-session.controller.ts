import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../common/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { CodeSessionService } from './code-session.service.js';
import { CodeToSessionDto, CodeToSessionRequestDto } from './dto/code-to-session.dto.js';

@ApiTags('mini-program')
@ApiBearerAuth()
@ApiResponse({ status: 400, description: 'Bad input, naming the field', type: ErrorResponseDto })
@ApiResponse({ status: 403, description: 'The key lacks the proxy scope or this appid', type: ErrorResponseDto })
@ApiResponse({ status: 404, description: 'Unknown account', type: ErrorResponseDto })
@ApiResponse({ status: 502, description: 'WeChat refused, e.g. 40029 invalid code', type: ErrorResponseDto })
@ApiResponse({ status: 503, description: 'Component not configured, or no ticket yet', type: ErrorResponseDto })
@RequireScopes('proxy')
@Controller('accounts/:appid/mini-program')
export class CodeSessionController {
  constructor(private readonly sessions: CodeSessionService) {}

  @Post('code-to-session')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'wx.login() code → openid, unionid and session_key (sns/component/jscode2session). Keep session_key on your server, never send it to the client',
  })
  @ApiParam({ name: 'appid', description: 'The mini program appid', example: 'wxdemominiprog0001' })
  @ApiOkResponse({ type: CodeToSessionDto })
  codeToSession(@Param('appid') appid: string, @Body() body: CodeToSessionRequestDto): Promise<CodeToSessionDto> {
    return this.sessions.codeToSession(appid, body.js_code);
  }
}
