import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/config.types.js';
import { buildDataSourceOptions } from './data-source-options.js';
import { runMigrations } from './run-migrations.js';

/**
 * TypeORM on SQLite or MySQL/MariaDB (DATABASE_URL). Pending migrations run before the app
 * serves; every module registers its own entities with forFeature().
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [DatabaseConfig],
      useFactory: (db: DatabaseConfig) => ({
        ...buildDataSourceOptions(db),
        autoLoadEntities: true,
        // Fail fast at start: a wrong DATABASE_URL must stop the process, not retry for minutes.
        retryAttempts: 0,
      }),
      dataSourceFactory: async (options?: DataSourceOptions) => {
        if (!options) throw new Error('DATABASE_URL: no data source options');
        const ds = await new DataSource(options).initialize();
        await runMigrations(ds);
        return ds;
      },
    }),
  ],
})
export class DatabaseModule {}
