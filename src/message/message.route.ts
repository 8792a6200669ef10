import { Injectable } from '@nestjs/common';
import type { Express, NextFunction, Request, Response } from 'express';
import { AllExceptionsFilter } from '../common/filters/all-exceptions.filter.js';
import { wechatErrorMapper } from '../wechat/wechat-error.mapper.js';
import { MessageService } from './message.service.js';
import type { MessageQuery } from './message.types.js';

export const MESSAGE_PATH = '/wechat/accounts/:appid/messages';
const QUERY_NAMES = ['signature', 'timestamp', 'nonce', 'msg_signature', 'encrypt_type', 'echostr'] as const;

/**
 * POST of the message URL, served as a plain express route ahead of Nest's pipeline. It takes every
 * user message of every account and must answer within WeChat's 5 s, so it skips what it does not
 * need there (guards, pipes, interceptors, per-request logging): it is public, its raw body is read
 * by app.setup.ts, and its outcomes are counted in gateway_messages_total. Errors keep the contract's
 * JSON shape. GET (URL verification) stays in MessageController.
 */
@Injectable()
export class MessageRoute {
  private readonly errors = new AllExceptionsFilter([wechatErrorMapper]);

  constructor(private readonly messages: MessageService) {}

  mount(http: Express): void {
    http.post(MESSAGE_PATH, (req: Request, res: Response, next: NextFunction) => {
      this.handle(req, res).catch(next);
    });
  }

  private async handle(req: Request, res: Response): Promise<void> {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    try {
      const answer = await this.messages.receive(String(req.params.appid), onlyStrings(req.query), body);
      res.status(200).type(answer.contentType).send(answer.body);
    } catch (err) {
      const error = this.errors.toBody(err);
      res.status(error.statusCode).json(error);
    }
  }
}

/** A repeated parameter arrives as an array: treated as missing, so it fails the checks. */
export function onlyStrings(query: Record<string, unknown>): MessageQuery {
  const out: MessageQuery = {};
  for (const name of QUERY_NAMES) {
    const value = query[name];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}
