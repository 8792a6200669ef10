import { All, Controller, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Buffer } from 'node:buffer';
import { pipeline } from 'node:stream/promises';
import { RequireScopes } from '../common/decorators/auth.decorators.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { ComponentProxyService, type ProxyAnswer } from './component-proxy.service.js';
import { readRawBody } from './raw-body.js';

const BODY_LIMIT_BYTES = 10 * 1024 * 1024;
const FORWARDED_REQUEST_HEADERS = ['content-type', 'accept'];
const RETURNED_HEADERS = ['content-type', 'content-disposition', 'content-length'];
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
    const url = new URL(req.originalUrl, 'http://gateway.invalid');
    const query = Object.fromEntries(url.searchParams);
    delete query.component_access_token; // the gateway's token, never one the caller brought
    const answer = await this.proxy.forward({
      method: req.method,
      path: req.originalUrl.split('?')[0].replace(PROXY_PREFIX, ''),
      query,
      headers: pick(req.headers, FORWARDED_REQUEST_HEADERS),
      body,
    });
    await send(res, answer);
  }
}

function pick(headers: Request['headers'], names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = headers[name];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

async function send(res: Response, answer: ProxyAnswer): Promise<void> {
  res.status(answer.status);
  for (const name of RETURNED_HEADERS) {
    const value = answer.headers[name];
    if (value !== undefined && !(name === 'content-length' && Buffer.isBuffer(answer.body))) res.setHeader(name, value);
  }
  if (Buffer.isBuffer(answer.body)) res.end(answer.body);
  else await pipeline(answer.body, res);
}
