import type { MigrationInterface } from 'typeorm';
import { CreateApiKeys1763683200000 } from './1763683200000-CreateApiKeys.js';
import { CreateComponentState1763769600000 } from './1763769600000-CreateComponentState.js';
import { CreateAccounts1763769700000 } from './1763769700000-CreateAccounts.js';
import { CreateComponentEvents1763769800000 } from './1763769800000-CreateComponentEvents.js';
import { CreateAuthorizerTokens1763856000000 } from './1763856000000-CreateAuthorizerTokens.js';
import { AddDirectAccounts1763856100000 } from './1763856100000-AddDirectAccounts.js';
import { CreateWebhooks1763856200000 } from './1763856200000-CreateWebhooks.js';

type MigrationClass = new () => MigrationInterface;

/** Every migration, oldest first. Listed by hand: the build is ESM and TypeORM's glob loading is not. */
export const MIGRATIONS: MigrationClass[] = [
  CreateApiKeys1763683200000,
  CreateComponentState1763769600000,
  CreateAccounts1763769700000,
  CreateComponentEvents1763769800000,
  CreateAuthorizerTokens1763856000000,
  AddDirectAccounts1763856100000,
  CreateWebhooks1763856200000,
];
