import { Controller, Get, Header, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/decorators/auth.decorators.js';
import { MessageService } from './message.service.js';
import type { MessageQuery } from './message.types.js';

const QUERY_NAMES = ['signature', 'timestamp', 'nonce', 'msg_signature', 'encrypt_type', 'echostr'] as const;

/**
 * The message-and-event URL registered as `…/wechat/accounts/$APPID$/messages`. WeChat counts only
 * HTTP 200 as delivered; the raw body bytes are read (app.setup.ts) so nothing rewrites them.
 */
@ApiExcludeController()
@Public()
@Controller('wechat/accounts')
export class MessageController {
  constructor(private readonly messages: MessageService) {}

  @Get(':appid/messages')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  verify(@Param('appid') appid: string, @Query() query: Record<string, unknown>): Promise<string> {
    return this.messages.verifyUrl(appid, onlyStrings(query));
  }

  @Post(':appid/messages')
  async receive(
    @Param('appid') appid: string,
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const answer = await this.messages.receive(appid, onlyStrings(query), body);
    res.status(200).type(answer.contentType).send(answer.body);
  }
}

/** A repeated parameter arrives as an array: treated as missing, so it fails the checks. */
function onlyStrings(query: Record<string, unknown>): MessageQuery {
  const out: MessageQuery = {};
  for (const name of QUERY_NAMES) {
    const value = query[name];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}
