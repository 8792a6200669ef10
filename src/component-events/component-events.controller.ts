import { Controller, Header, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../common/decorators/auth.decorators.js';
import type { PushQuery } from './component-push.verifier.js';
import { ComponentEventsService } from './component-events.service.js';

/**
 * The authorization event URL registered in WeChat's console. WeChat counts only HTTP 200 with
 * `success` as delivered; the raw body bytes are read (app.setup.ts) so nothing rewrites them.
 */
@ApiExcludeController()
@Public()
@Controller('wechat/component')
export class ComponentEventsController {
  constructor(private readonly events: ComponentEventsService) {}

  @Post('events')
  @HttpCode(200)
  @Header('Content-Type', 'text/plain; charset=utf-8')
  async receive(@Query() query: PushQuery, @Req() req: Request): Promise<string> {
    await this.events.receive(query, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    return 'success';
  }
}
