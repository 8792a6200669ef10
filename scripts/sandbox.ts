// `npm run sandbox`: the bundled WeChat simulator and a gateway wired to it, with demo credentials,
// so a person can click through an authorization and call the API with no WeChat account.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../src/app.module.js';
import { configureApp } from '../src/app.setup.js';
import { validateEnv } from '../src/config/validate-env.js';
import { WechatSimulator } from '../simulator/index.js';

/** Fixed and printed: a sandbox is for trying things out, never for real accounts. */
const DEMO_ADMIN_KEY = 'sandbox-admin-key-not-for-production';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const simPort = Number(process.env.SIMULATOR_PORT ?? 4000);
  const publicUrl = `http://localhost:${port}`;
  const sim = await WechatSimulator.start({
    quiet: true,
    ports: { api: simPort, api2: simPort + 1, mp: simPort + 2, open: simPort + 3 },
    ticketIntervalMs: 600_000,
    pushTicketOnStart: false,
  });
  const config = validateEnv({
    LOG_LEVEL: 'warn',
    ...process.env,
    PORT: String(port),
    GATEWAY_PUBLIC_URL: publicUrl,
    GATEWAY_DATA_DIR: process.env.GATEWAY_DATA_DIR ?? './data/sandbox',
    DATABASE_URL: process.env.DATABASE_URL ?? 'sqlite:./data/sandbox/gateway.sqlite',
    GATEWAY_ADMIN_API_KEY: DEMO_ADMIN_KEY,
    WECHAT_COMPONENT_APP_ID: sim.component.appId,
    WECHAT_COMPONENT_APP_SECRET: sim.component.appSecret,
    WECHAT_COMPONENT_TOKEN: sim.component.token,
    WECHAT_COMPONENT_AES_KEY: sim.component.encodingAesKey,
    WECHAT_API_BASE_URL: sim.url,
    WECHAT_API_FALLBACK_URLS: sim.api2Url,
    WECHAT_MP_BASE_URL: sim.mpUrl,
    WECHAT_OPEN_BASE_URL: sim.openUrl,
    AUTH_REDIRECT_ALLOWLIST: `${publicUrl}/docs`,
  });
  const app = await NestFactory.create(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  configureApp(app);
  await app.listen(port, '0.0.0.0');
  sim.configure({
    eventUrl: `${publicUrl}/wechat/component/events`,
    messageUrlTemplate: `${publicUrl}/wechat/accounts/$APPID$/messages`,
    initiationDomain: `localhost:${port}`,
  });
  await sim.pushTicket();
  const authorizeUrl = `${publicUrl}/wechat/authorize?redirect_uri=${encodeURIComponent(`${publicUrl}/docs`)}`;
  process.stdout.write(
    [
      '',
      'WeChat Open Gateway sandbox (simulated WeChat, demo credentials)',
      `  Swagger UI          ${publicUrl}/docs`,
      `  authorization page  ${authorizeUrl}`,
      `  demo API key        ${DEMO_ADMIN_KEY}   (Authorization: Bearer …, admin scope)`,
      `  accounts            curl -H 'Authorization: Bearer ${DEMO_ADMIN_KEY}' ${publicUrl}/api/accounts`,
      `  simulator           ${sim.url} (control API ${sim.controlUrl}), pages ${sim.mpUrl} and ${sim.openUrl}`,
      `  data                ${config.database.url}`,
      'Ctrl-C stops both.',
      '',
    ].join('\n'),
  );
  const stop = async () => {
    await app.close();
    await sim.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`sandbox failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
