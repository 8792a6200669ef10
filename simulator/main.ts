import { WechatSimulator } from './wechat-simulator.js';

/** Standalone: `npm run simulator`. api on SIMULATOR_PORT (4000), api2 +1, mp +2, open +3. */
async function main(): Promise<void> {
  const env = process.env;
  const port = Number(env.SIMULATOR_PORT ?? 4000);
  if (!Number.isInteger(port) || port < 1 || port > 65532) throw new Error('SIMULATOR_PORT must be a port number');
  const intervalSec = env.SIMULATOR_TICKET_INTERVAL_SECONDS;
  const sim = await WechatSimulator.start({
    ports: { api: port, api2: port + 1, mp: port + 2, open: port + 3 },
    eventUrl: env.SIMULATOR_EVENT_URL || undefined,
    messageUrlTemplate: env.SIMULATOR_MESSAGE_URL_TEMPLATE || undefined,
    initiationDomain: env.SIMULATOR_INITIATION_DOMAIN || 'localhost:3000',
    ticketIntervalMs: intervalSec === undefined ? undefined : Number(intervalSec) * 1000,
  });
  const c = sim.component;
  console.log(
    [
      'WeChat simulator running (fake demo credentials, not secrets):',
      `  api   (api.weixin.qq.com)   ${sim.url}`,
      `  api2  (api2.weixin.qq.com)  ${sim.api2Url}`,
      `  mp    (mp.weixin.qq.com)    ${sim.mpUrl}`,
      `  open  (open.weixin.qq.com)  ${sim.openUrl}`,
      `  control API                 ${sim.controlUrl}  (e.g. GET ${sim.controlUrl}/calls)`,
      `  component appid ${c.appId}  secret ${c.appSecret}`,
      `  message Token ${c.token}  EncodingAESKey ${c.encodingAesKey}`,
      `  event URL ${sim.options.eventUrl ?? '(not set: POST /__sim/config { "eventUrl": … })'}`,
      `  message URL template ${sim.options.messageUrlTemplate ?? '(not set)'}`,
      `  initiation domain ${sim.options.initiationDomain}`,
    ].join('\n'),
  );
  const shutdown = (signal: string) => {
    console.log(`${signal}: stopping the simulator`);
    sim.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`simulator failed to start: ${(err as Error).message}`);
  process.exit(1);
});
