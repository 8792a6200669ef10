import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { validateEnv } from './config/validate-env.js';
import { describeStartupError } from './startup-error.js';

async function bootstrap(): Promise<void> {
  const config = validateEnv(process.env);
  const app = await NestFactory.create(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  configureApp(app);
  await app.listen(config.http.port, config.http.host);
  app.get(Logger).log(
    {
      url: config.http.publicUrl,
      database: config.database.kind,
      cache: config.cache.redisUrl ? 'redis' : 'memory',
      component: config.component.configured,
    },
    `WeChat Open Gateway listening on ${config.http.host}:${config.http.port}; docs at ${config.http.publicUrl}/docs`,
  );
}

bootstrap().catch((err: unknown) => {
  // One line naming the variable or the cause, never a value: the process manager shows it.
  process.stderr.write(`wechat-open-gateway failed to start: ${describeStartupError(err)}\n`);
  process.exit(1);
});
