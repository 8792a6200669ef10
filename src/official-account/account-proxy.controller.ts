import { All, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RequireScopes } from '../common/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { pickHeaders, proxiedPath, proxiedQuery, sendProxyAnswer } from '../token/raw-proxy.js';
import { AccountProxyService } from './account-proxy.service.js';
import { readProxyBody } from './proxy-body.js';

/** Bodies up to this size are buffered so they can be resent after a token error; larger ones stream once. */
const BUFFER_LIMIT_BYTES = 10 * 1024 * 1024;
const FORWARDED_REQUEST_HEADERS = ['content-type', 'accept', 'content-length'];
/** Everything after /accounts/<appid>/proxy in the raw URL: percent-encoding stays as the caller sent it. */
const PROXY_PREFIX = /^.*?\/accounts\/[^/?]+\/proxy(?=\/)/;

@ApiTags('proxy')
@ApiBearerAuth()
@ApiResponse({ status: 400, description: 'The path could leave the WeChat API host', type: ErrorResponseDto })
@ApiResponse({ status: 401, description: 'Missing or invalid API key', type: ErrorResponseDto })
@ApiResponse({ status: 403, description: 'The key lacks the proxy scope or this appid', type: ErrorResponseDto })
@ApiResponse({ status: 404, description: 'Unknown account', type: ErrorResponseDto })
@RequireScopes('proxy')
@Controller('accounts/:appid/proxy')
export class AccountProxyController {
  constructor(private readonly proxy: AccountProxyService) {}

  @All('*path')
  @ApiOperation({
    summary:
      "Any WeChat API on behalf of the account, with its access_token added (e.g. GET /api/accounts/wx…/proxy/cgi-bin/user/info?openid=…); WeChat's answer (JSON or binary) passed back as it came",
  })
  @ApiParam({ name: 'appid', description: 'The account appid', example: 'wxdemoofficial0001' })
  @ApiParam({ name: 'path', description: 'WeChat API path', example: 'cgi-bin/media/upload' })
  async forward(@Param('appid') appid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const answer = await this.proxy.forward(appid, {
      method: req.method,
      path: proxiedPath(req.originalUrl, PROXY_PREFIX),
      query: proxiedQuery(req.originalUrl, 'access_token'),
      headers: pickHeaders(req.headers, FORWARDED_REQUEST_HEADERS),
      body: await readProxyBody(req, BUFFER_LIMIT_BYTES),
    });
    await sendProxyAnswer(res, answer);
  }
}
