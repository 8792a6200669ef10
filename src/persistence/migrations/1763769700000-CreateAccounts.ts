import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Official accounts and mini programs the gateway acts for. The refresh token is sealed with
 * GATEWAY_SECRET_KEY and lives here, never only in a cache (pitfall 5).
 */
export class CreateAccounts1763769700000 implements MigrationInterface {
  name = 'CreateAccounts1763769700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'accounts',
        columns: [
          { name: 'appid', type: 'varchar', length: '32', isPrimary: true },
          { name: 'component_appid', type: 'varchar', length: '32', isNullable: true },
          { name: 'source', type: 'varchar', length: '16' },
          { name: 'kind', type: 'varchar', length: '24' },
          { name: 'status', type: 'varchar', length: '24' },
          { name: 'nick_name', type: 'varchar', length: '255', isNullable: true },
          { name: 'head_img', type: 'varchar', length: '1024', isNullable: true },
          { name: 'user_name', type: 'varchar', length: '64', isNullable: true },
          { name: 'principal_name', type: 'varchar', length: '255', isNullable: true },
          { name: 'alias', type: 'varchar', length: '128', isNullable: true },
          { name: 'service_type', type: 'int', isNullable: true },
          { name: 'verify_type', type: 'int', isNullable: true },
          { name: 'func_ids', type: 'varchar', length: '512', isNullable: true },
          { name: 'refresh_token_sealed', type: 'text', isNullable: true },
          { name: 'authorized_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'revoked_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'info_synced_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3 },
          { name: 'updated_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await queryRunner.createIndex('accounts', new TableIndex({ name: 'ix_accounts_status', columnNames: ['status'] }));
    await queryRunner.createIndex(
      'accounts',
      new TableIndex({ name: 'ix_accounts_user_name', columnNames: ['user_name'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('accounts');
  }
}
