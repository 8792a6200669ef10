import { Injectable, Logger } from '@nestjs/common';
import { AccountApiService } from '../token/account-api.service.js';
import type { CustomMessageDto } from './dto/custom-message.dto.js';
import type { TemplateMessageDto, TemplateMessageResultDto } from './dto/template-message.dto.js';

const CUSTOM_SEND = '/cgi-bin/message/custom/send';
const TEMPLATE_SEND = '/cgi-bin/message/template/send';

/**
 * Customer-service (§4.15) and template messages. Both are sends: never resent blindly after the
 * request may have reached WeChat (idempotent: false); the token-error retry stays, WeChat refused
 * those before sending anything.
 */
@Injectable()
export class MessageService {
  private readonly logger = new Logger(MessageService.name);

  constructor(private readonly api: AccountApiService) {}

  async sendCustom(appid: string, message: CustomMessageDto): Promise<void> {
    await this.api.post(appid, CUSTOM_SEND, { ...message }, { idempotent: false });
    this.logger.log({ appid, endpoint: CUSTOM_SEND, msgtype: message.msgtype }, 'custom message sent');
  }

  async sendTemplate(appid: string, message: TemplateMessageDto): Promise<TemplateMessageResultDto> {
    const res = await this.api.post<{ msgid: number }>(appid, TEMPLATE_SEND, { ...message }, { idempotent: false });
    this.logger.log({ appid, endpoint: TEMPLATE_SEND }, 'template message sent');
    return { msgid: res.msgid };
  }
}
