import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Webhook subscriptions of internal apps and the durable queue of async deliveries. A delivery row
 * is written before WeChat gets its answer (at-least-once), claimed by one instance per attempt
 * (claimed_by / claimed_until) and kept as the delivery log.
 */
export class CreateWebhooks1763856200000 implements MigrationInterface {
  name = 'CreateWebhooks1763856200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // MySQL's TEXT stops at 64 KiB; a message (fields included) can be larger than that.
    const bigText = queryRunner.connection.driver.options.type === 'mysql' ? 'mediumtext' : 'text';
    await queryRunner.createTable(
      new Table({
        name: 'webhook_subscriptions',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'url', type: 'varchar', length: '2048' },
          { name: 'secret_sealed', type: 'text' },
          { name: 'mode', type: 'varchar', length: '8' },
          { name: 'msg_types', type: 'varchar', length: '512', isNullable: true },
          { name: 'events', type: 'varchar', length: '2048', isNullable: true },
          { name: 'appids', type: 'text', isNullable: true },
          { name: 'enabled', type: 'boolean' },
          { name: 'created_at', type: 'datetime', precision: 3 },
          { name: 'updated_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'subscription_id', type: 'varchar', length: '36' },
          { name: 'appid', type: 'varchar', length: '32' },
          { name: 'msg_type', type: 'varchar', length: '32' },
          { name: 'event', type: 'varchar', length: '64', isNullable: true },
          { name: 'payload', type: bigText },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'int', default: 0 },
          { name: 'next_attempt_at', type: 'datetime', precision: 3 },
          { name: 'claimed_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'claimed_until', type: 'datetime', precision: 3, isNullable: true },
          { name: 'last_status_code', type: 'int', isNullable: true },
          { name: 'last_error', type: 'varchar', length: '512', isNullable: true },
          { name: 'last_attempt_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'delivered_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await queryRunner.createIndex(
      'webhook_deliveries',
      new TableIndex({ name: 'ix_webhook_deliveries_due', columnNames: ['status', 'next_attempt_at'] }),
    );
    await queryRunner.createIndex(
      'webhook_deliveries',
      new TableIndex({ name: 'ix_webhook_deliveries_subscription', columnNames: ['subscription_id', 'created_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('webhook_deliveries');
    await queryRunner.dropTable('webhook_subscriptions');
  }
}
