import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LogConfig } from '../config/config.types.js';
import { redactUrl } from '../wechat/redact.js';

const MESSAGE_URL = /^\/wechat\/accounts\/[^/]+\/messages/;

/**
 * Structured JSON logs (pino). Secrets stay out by construction: request URLs are logged with
 * token/secret query values replaced, and credential headers are censored.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [LogConfig],
      useFactory: (log: LogConfig) => ({
        pinoHttp: {
          level: log.level,
          redact: {
            paths: [
              'req.headers.authorization',
              'req.headers.cookie',
              'res.headers["set-cookie"]',
              '*.secret',
              '*.token',
              '*.key',
            ],
            censor: '***',
          },
          serializers: {
            req: (req: IncomingMessage & { id?: unknown }) => ({
              id: req.id,
              method: req.method,
              url: redactUrl(req.url ?? ''),
            }),
            res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
          },
          // Health probes and scrapes would drown everything else.
          autoLogging: { ignore: (req: IncomingMessage) => /^\/(health|metrics)/.test(req.url ?? '') },
          customLogLevel: (req: IncomingMessage, res: ServerResponse, err?: Error) => {
            if (err || res.statusCode >= 500) return 'error';
            if (res.statusCode >= 400) return 'warn';
            // The message URL takes every user message of every account: answered pushes are counted
            // in gateway_messages_total, and a log line each would cost more than handling them.
            return MESSAGE_URL.test(req.url ?? '') ? 'silent' : 'info';
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
