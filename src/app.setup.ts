import { BadRequestException, INestApplication, RequestMethod, ValidationError, ValidationPipe } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AllExceptionsFilter, type ErrorMapper } from './common/filters/all-exceptions.filter.js';
import { HttpConfig } from './config/config.types.js';
import { MessageRoute } from './message/message.route.js';
import { MetricsService } from './metrics/metrics.service.js';
import { wechatErrorMapper } from './wechat/wechat-error.mapper.js';

/** Bodies of internal API calls; WeChat routes and the proxy read their own raw bytes. */
const API_JSON_LIMIT = '1mb';
const RAW_BODY_PATHS = /\/proxy(\/|$)/;

/**
 * Everything main.ts does to the app besides listen(), shared with the e2e tests so they exercise
 * the same pipeline: body parsing, /api prefix, validation, error shape, metrics, Swagger.
 */
export function configureApp(app: INestApplication, extraMappers: ErrorMapper[] = []): INestApplication {
  const metrics = app.get(MetricsService);
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.disable('x-powered-by');
  app.use(httpMetrics(metrics));
  app.use('/api', parseApiBodies());
  // WeChat signs the exact bytes it sends, in any content type (text/xml, application/xml, none):
  // those routes get the raw body, capped, and parse it themselves (pitfall 12).
  app.use('/wechat', express.raw({ type: () => true, limit: app.get(HttpConfig).wechatBodyLimitBytes }));
  // The message URL's POST is answered on the HTTP server itself, ahead of express (see MessageRoute).
  app.get(MessageRoute).attach(app.getHttpServer());
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health', method: RequestMethod.ALL },
      { path: 'health/*path', method: RequestMethod.ALL },
      { path: 'metrics', method: RequestMethod.ALL },
      { path: 'admin', method: RequestMethod.ALL },
      { path: 'wechat/*path', method: RequestMethod.ALL },
    ],
  });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new BadRequestException(flatten(errors).join('; ')),
    }),
  );
  app.useGlobalFilters(new AllExceptionsFilter([wechatErrorMapper, ...extraMappers]));
  setupSwagger(app);
  app.enableShutdownHooks();
  return app;
}

function parseApiBodies() {
  const json = express.json({ limit: API_JSON_LIMIT });
  const form = express.urlencoded({ extended: false, limit: API_JSON_LIMIT });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (RAW_BODY_PATHS.test(req.path)) return next();
    json(req, res, (err?: unknown) => (err ? next(err) : form(req, res, next)));
  };
}

function httpMetrics(metrics: MetricsService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const pattern = (req.route as { path?: string } | undefined)?.path;
      end({
        method: req.method,
        route: pattern ? `${req.baseUrl}${pattern}` : 'unmatched',
        status: String(res.statusCode),
      });
    });
    next();
  };
}

/** "field: problem" for every failed constraint, nested fields as a.b. */
function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => (m.startsWith(`${e.property}:`) ? m : `${path}: ${m}`));
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

function setupSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('WeChat Open Gateway')
    .setDescription(
      'Third-party platform (component) and central token server for WeChat official accounts and mini programs. ' +
        'Every /api route needs `Authorization: Bearer <API key>`. Errors are `{ statusCode, error, message }`, ' +
        'plus `errcode`/`errmsg` when WeChat answered with an error.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      description: 'An API key from POST /api/keys or GATEWAY_ADMIN_API_KEY',
    })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
}
