import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Access tokens of accounts (component-authorized and directly-managed) and their JS-SDK tickets,
 * sealed with GATEWAY_SECRET_KEY. A database row, not a cache entry, so a restart or a flushed Redis
 * never costs a WeChat call or serves nothing (pitfalls 5, 7, 21).
 */
export class CreateAuthorizerTokens1763856000000 implements MigrationInterface {
  name = 'CreateAuthorizerTokens1763856000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'account_tokens',
        columns: [
          { name: 'appid', type: 'varchar', length: '32', isPrimary: true },
          { name: 'access_token_sealed', type: 'text' },
          { name: 'expires_at', type: 'datetime', precision: 3 },
          { name: 'fetched_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
    // The background refresher asks for the tokens that expire soonest.
    await queryRunner.createIndex(
      'account_tokens',
      new TableIndex({ name: 'ix_account_tokens_expires_at', columnNames: ['expires_at'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'account_tickets',
        columns: [
          { name: 'appid', type: 'varchar', length: '32', isPrimary: true },
          { name: 'type', type: 'varchar', length: '16', isPrimary: true },
          { name: 'ticket_sealed', type: 'text' },
          { name: 'expires_at', type: 'datetime', precision: 3 },
          { name: 'fetched_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('account_tickets');
    await queryRunner.dropTable('account_tokens');
  }
}
