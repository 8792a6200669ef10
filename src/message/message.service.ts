import { Injectable, Logger } from '@nestjs/common';
import { HttpConfig } from '../config/config.types.js';
import { encodeAnswer } from './message-answer.codec.js';
import { MessageCredentialsService } from './message-credentials.service.js';
import { openMessagePush, toRejection } from './message-push.opener.js';
import { MessageMetrics } from './message.metrics.js';
import { RejectedMessageError } from './message.errors.js';
import { APPID_PATTERN, type MessageAnswer, type MessageQuery, type PushMode } from './message.types.js';
import { toInboundMessage } from './inbound-message.mapper.js';
import { InboundMessageProcessor } from './inbound-message.processor.js';

/** A resend waits for the first delivery's answer at most this long: WeChat gives up after 5 s. */
const RESEND_WAIT_MS = 4_000;

/**
 * The message-and-event URL (§6): checks, opens and answers each push. Inauthentic or malformed
 * pushes are refused with a 4xx before anything else happens. Logs appid, MsgType and outcome only.
 */
@Injectable()
export class MessageService {
  private readonly logger = new Logger(MessageService.name);

  constructor(
    private readonly credentials: MessageCredentialsService,
    private readonly processor: InboundMessageProcessor,
    private readonly metrics: MessageMetrics,
    private readonly http: HttpConfig,
  ) {}

  /** Server URL verification: the echostr, decrypted when it came encrypted (§6.1). */
  async verifyUrl(appid: string, query: MessageQuery): Promise<string> {
    assertAppid(appid);
    const { signature, timestamp, nonce, echostr } = query;
    if (!signature || !timestamp || !nonce || !echostr) {
      throw new RejectedMessageError('rejected_malformed', 'signature, timestamp, nonce and echostr are required');
    }
    const { crypt } = await this.credentials.forAppid(appid);
    try {
      crypt.verifySignature(signature, timestamp, nonce);
      if (query.encrypt_type !== 'aes' || !query.msg_signature) return echostr;
      return crypt.verifyAndDecrypt(query.msg_signature, timestamp, nonce, echostr).message;
    } catch (err) {
      throw toRejection(err);
    }
  }

  async receive(appid: string, query: MessageQuery, body: Buffer): Promise<MessageAnswer> {
    const startedAt = performance.now();
    let mode: PushMode | 'unknown' = 'unknown';
    try {
      assertAppid(appid);
      const { crypt, componentAppid } = await this.credentials.forAppid(appid);
      const opened = openMessagePush(crypt, query, body, this.http.wechatBodyLimitBytes);
      mode = opened.mode;
      const message = toInboundMessage(opened.fields, {
        appid,
        componentAppid,
        encrypted: opened.encrypted,
        receivedAt: new Date(),
      });
      const { answer, outcome } = await this.processor.process(message, Date.now() + RESEND_WAIT_MS);
      const encoded = encodeAnswer(answer, outcome, crypt, opened, Math.floor(Date.now() / 1000));
      this.metrics.observe(mode, outcome, startedAt);
      this.logger.debug({ appid, msgType: message.msgType, mode, outcome }, 'message answered');
      return encoded;
    } catch (err) {
      if (err instanceof RejectedMessageError) {
        this.metrics.observe(mode, err.outcome, startedAt);
        const shown = APPID_PATTERN.test(appid) ? appid : '(invalid)';
        this.logger.warn({ appid: shown, mode, outcome: err.outcome, reason: err.message }, 'message push refused');
      }
      throw err;
    }
  }
}

function assertAppid(appid: string): void {
  if (!APPID_PATTERN.test(appid)) {
    throw new RejectedMessageError('rejected_malformed', 'appid in the path must be "wx" and 16 letters or digits');
  }
}
