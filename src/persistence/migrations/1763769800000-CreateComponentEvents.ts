import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Every authentic push to the authorization event URL, kept before it is acted on (pitfall 23):
 * what failed can be seen and replayed, and unknown InfoTypes are not lost. Secrets in the
 * payload (ticket, authorization code) are not stored here.
 */
export class CreateComponentEvents1763769800000 implements MigrationInterface {
  name = 'CreateComponentEvents1763769800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'component_events',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'component_appid', type: 'varchar', length: '32' },
          { name: 'info_type', type: 'varchar', length: '64' },
          { name: 'authorizer_appid', type: 'varchar', length: '32', isNullable: true },
          { name: 'create_time', type: 'bigint' },
          { name: 'payload', type: 'text' },
          { name: 'received_at', type: 'datetime', precision: 3 },
          { name: 'processed_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'error', type: 'varchar', length: '512', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex(
      'component_events',
      new TableIndex({ name: 'ix_component_events_received_at', columnNames: ['received_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('component_events');
  }
}
