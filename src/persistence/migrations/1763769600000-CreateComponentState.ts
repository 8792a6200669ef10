import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The third-party platform's own state, keyed by component appid (pitfall 2): the latest
 * component_verify_ticket and the current component_access_token, both sealed with GATEWAY_SECRET_KEY.
 */
export class CreateComponentState1763769600000 implements MigrationInterface {
  name = 'CreateComponentState1763769600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'component_tickets',
        columns: [
          { name: 'component_appid', type: 'varchar', length: '32', isPrimary: true },
          { name: 'ticket_sealed', type: 'text' },
          // CreateTime of the push (unix seconds): a newer push wins, an older one never overwrites.
          { name: 'create_time', type: 'bigint' },
          { name: 'received_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'component_tokens',
        columns: [
          { name: 'component_appid', type: 'varchar', length: '32', isPrimary: true },
          { name: 'access_token_sealed', type: 'text' },
          { name: 'expires_at', type: 'datetime', precision: 3 },
          { name: 'fetched_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('component_tokens');
    await queryRunner.dropTable('component_tickets');
  }
}
