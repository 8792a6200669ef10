// The data source of the TypeORM migration CLI (npm run migration:run / migration:revert), read from
// the same DATABASE_URL as the gateway. The gateway itself runs pending migrations at start.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { validateEnv } from './src/config/validate-env.js';
import { buildDataSourceOptions } from './src/persistence/data-source-options.js';

export default new DataSource(buildDataSourceOptions(validateEnv(process.env).database));
