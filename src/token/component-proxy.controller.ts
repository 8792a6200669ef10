import { All, Controller, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RequireScopes } from '../common/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { ComponentProxyService } from './component-proxy.service.js';
import { readRawBody } from './raw-body.js';
import { pickHeaders, proxiedPath, proxiedQuery, sendProxyAnswer } from './raw-proxy.js';

const BODY_LIMIT_BYTES = 10 * 1024 * 1024;
const FORWARDED_REQUEST_HEADERS = ['content-type', 'accept'];
/** Everything after /component/proxy in the raw URL: percent-encoding stays as the caller sent it. */
const PROXY_PREFIX = /^.*?\/component\/proxy(?=\/)/;

@ApiTags('component')
@ApiBearerAuth()
@ApiResponse({ status: 400, description: 'The path could leave the WeChat API host', type: ErrorResponseDto })
@ApiResponse({ status: 401, description: 'Missing or invalid API key', type: ErrorResponseDto })
@ApiResponse({ status: 403, description: 'The key lacks the proxy scope', type: ErrorResponseDto })
@ApiResponse({ status: 503, description: 'Component not configured, or no ticket yet', type: ErrorResponseDto })
@RequireScopes('proxy')
@Controller('component/proxy')
export class ComponentProxyController {
  constructor(private readonly proxy: ComponentProxyService) {}

  @All('*path')
  @ApiOperation({
    summary:
      'Any WeChat component API with component_access_token added (e.g. POST ' +
      '/api/component/proxy/cgi-bin/component/api_get_authorizer_list); WeChat answer passed through',
  })
  @ApiParam({ name: 'path', description: 'WeChat API path', example: 'cgi-bin/component/api_get_authorizer_list' })
  async forward(@Req() req: Request, @Res() res: Response): Promise<void> {
    const body = await readRawBody(req, BODY_LIMIT_BYTES);
    const answer = await this.proxy.forward({
      method: req.method,
      path: proxiedPath(req.originalUrl, PROXY_PREFIX),
      query: proxiedQuery(req.originalUrl, 'component_access_token'),
      headers: pickHeaders(req.headers, FORWARDED_REQUEST_HEADERS),
      body,
    });
    await sendProxyAnswer(res, answer);
  }
}
