import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { AddressInfo } from 'node:net';
import { AppModule } from '../src/app.module.js';
import { configureApp } from '../src/app.setup.js';
import { validateEnv } from '../src/config/validate-env.js';
import { createBaselineServer } from './baseline-server.js';
import { benchCrypt } from './bench-fixtures.js';

/**
 * One server under test, in its own process so the load generator does not share its event loop:
 * `baseline` or `gateway` (configured by the environment the benchmark passes). Reports its port
 * to the parent over IPC and runs until killed.
 */
async function main(): Promise<void> {
  const kind = process.argv[2];
  if (kind === 'baseline') {
    const server = createBaselineServer(benchCrypt());
    server.listen(0, '127.0.0.1', () => report((server.address() as AddressInfo).port));
    return;
  }
  const config = validateEnv(process.env);
  const app = await NestFactory.create(AppModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  report((app.getHttpServer().address() as AddressInfo).port);
}

function report(port: number): void {
  process.send?.({ port });
}

main().catch((err: unknown) => {
  process.stderr.write(`bench server failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
