import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WechatSimulator } from '../../simulator/index.js';
import type { SimulatorOptions } from '../../simulator/options.js';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { validateEnv, type Env } from '../../src/config/validate-env.js';
import { WxBizMsgCrypt } from '../../src/crypto/wx-biz-msg-crypt.js';
import { InboundDispatcher, type DispatchResult, type InboundMessage } from '../../src/webhook/webhook.types.js';
import type { PassiveReply } from '../../src/xml/passive-reply.js';
import { ADMIN_KEY } from './create-test-app.js';
import { freePort } from './gateway-process.js';

/** Stands in for the webhook module: records what it is handed and answers a text reply. */
export class FakeInboundDispatcher extends InboundDispatcher {
  readonly received: InboundMessage[] = [];
  replyFor: (m: InboundMessage) => PassiveReply | null = (m) => ({
    type: 'text',
    content: `echo:${typeof m.fields.Content === 'string' ? m.fields.Content : (m.event ?? m.msgType)}`,
  });
  delayFor: (m: InboundMessage) => number = () => 0;

  async dispatch(message: InboundMessage): Promise<DispatchResult> {
    this.received.push(message);
    const delay = this.delayFor(message);
    if (delay > 0) await sleep(delay);
    return { reply: this.replyFor(message), queued: 0 };
  }

  count(predicate: (m: InboundMessage) => boolean): number {
    return this.received.filter(predicate).length;
  }
}

/** The real AppModule like createTestApp(), with the InboundDispatcher replaced by `dispatcher`. */
export async function createMessageApp(env: Env, dispatcher: InboundDispatcher): Promise<INestApplication> {
  const config = validateEnv({
    NODE_ENV: 'test',
    GATEWAY_DATA_DIR: mkdtempSync(join(tmpdir(), 'wog-msg-')),
    DATABASE_URL: 'sqlite::memory:',
    GATEWAY_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    GATEWAY_ADMIN_API_KEY: ADMIN_KEY,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    WECHAT_API_FALLBACK_URLS: '',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(InboundDispatcher)
    .useValue(dispatcher)
    .compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureApp(app);
  await app.init();
  return app;
}

export interface MessageGateway {
  sim: WechatSimulator;
  app: INestApplication;
  url: string;
  dispatcher: FakeInboundDispatcher;
  /** The component's credentials, to sign hand-made pushes and open replies. */
  crypt: WxBizMsgCrypt;
  close: () => Promise<void>;
}

/**
 * A gateway on a loopback port wired to a simulator (like startSimGateway) with a fake dispatcher.
 * Pass `sim` to put a second gateway beside the first: the simulator keeps pushing to the first.
 */
export async function startMessageGateway(
  env: Env = {},
  simOptions: SimulatorOptions = {},
  shared?: { sim: WechatSimulator },
): Promise<MessageGateway> {
  const sim =
    shared?.sim ??
    (await WechatSimulator.start({
      quiet: true,
      pushTimeoutMs: 2000,
      ticketIntervalMs: 0,
      pushTicketOnStart: false,
      ...simOptions,
    }));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dispatcher = new FakeInboundDispatcher();
  const { appId, appSecret, token, encodingAesKey } = sim.component;
  const app = await createMessageApp(
    {
      GATEWAY_PUBLIC_URL: url,
      WECHAT_COMPONENT_APP_ID: appId,
      WECHAT_COMPONENT_APP_SECRET: appSecret,
      WECHAT_COMPONENT_TOKEN: token,
      WECHAT_COMPONENT_AES_KEY: encodingAesKey,
      WECHAT_API_BASE_URL: sim.url,
      WECHAT_MP_BASE_URL: sim.mpUrl,
      WECHAT_OPEN_BASE_URL: sim.openUrl,
      WECHAT_API_RETRY_BASE_DELAY_MS: '10',
      ...env,
    },
    dispatcher,
  );
  await app.listen(port, '127.0.0.1');
  if (!shared) {
    sim.configure({
      eventUrl: `${url}/wechat/component/events`,
      messageUrlTemplate: `${url}/wechat/accounts/$APPID$/messages`,
      initiationDomain: `127.0.0.1:${port}`,
    });
  }
  const crypt = new WxBizMsgCrypt({ appId, token, encodingAesKey });
  const close = async () => {
    await app.close();
    if (!shared) await sim.stop();
  };
  return { sim, app, url, dispatcher, crypt, close };
}
