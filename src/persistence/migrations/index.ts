import type { MigrationInterface } from 'typeorm';
import { CreateApiKeys1763683200000 } from './1763683200000-CreateApiKeys.js';

type MigrationClass = new () => MigrationInterface;

/** Every migration, oldest first. Listed by hand: the build is ESM and TypeORM's glob loading is not. */
export const MIGRATIONS: MigrationClass[] = [CreateApiKeys1763683200000];
