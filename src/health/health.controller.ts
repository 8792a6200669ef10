import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import type { Cache } from 'cache-manager';
import { randomUUID } from 'node:crypto';
import { Public } from '../common/decorators/auth.decorators.js';
import { REDIS_CLIENT } from '../cache/cache.module.js';
import type { RedisClient } from '../cache/redis-connection.js';
import { ReadinessRegistry } from './readiness.registry.js';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly readiness: ReadinessRegistry,
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient | null,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process serves HTTP' })
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: database, cache and every registered check (503 when one is down)' })
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database').withTimeout(3000),
      () =>
        this.indicators
          .check('cache')
          .attempt(() => this.checkCache())
          .withTimeout(3000),
      ...this.readiness.entries().map(
        ([name, check]) =>
          () =>
            this.indicators.check(name).attempt(check).withTimeout(3000),
      ),
    ]);
  }

  private async checkCache(): Promise<Record<string, unknown>> {
    if (this.redis) {
      await this.redis.ping();
      return { store: 'redis' };
    }
    const key = `health:${randomUUID()}`;
    await this.cache.set(key, 1, 1000);
    if ((await this.cache.get(key)) !== 1) throw new Error('in-process cache did not return what was stored');
    await this.cache.del(key);
    return { store: 'memory' };
  }
}
