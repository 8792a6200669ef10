import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../common/decorators/auth.decorators.js';
import { MessageService } from './message.service.js';
import { onlyStrings } from './message.route.js';

/**
 * URL verification (GET) of the message-and-event URL registered as `…/wechat/accounts/$APPID$/messages`.
 * Its POST, the busiest route of the gateway, is MessageRoute, mounted ahead of Nest's pipeline.
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
}
