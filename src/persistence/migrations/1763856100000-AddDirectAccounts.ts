import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Directly-managed accounts (appid + secret, wechat-open-platform.md §4.13) live in `accounts` with
 * source 'direct'. The secret and the message AES key are sealed with GATEWAY_SECRET_KEY.
 */
export class AddDirectAccounts1763856100000 implements MigrationInterface {
  name = 'AddDirectAccounts1763856100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('accounts', [
      new TableColumn({ name: 'secret_sealed', type: 'text', isNullable: true }),
      new TableColumn({ name: 'message_token', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'message_aes_key_sealed', type: 'text', isNullable: true }),
      // 'stable' (POST cgi-bin/stable_token) or 'classic' (GET cgi-bin/token); null for component accounts.
      new TableColumn({ name: 'token_endpoint', type: 'varchar', length: '16', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['token_endpoint', 'message_aes_key_sealed', 'message_token', 'secret_sealed']) {
      await queryRunner.dropColumn('accounts', column);
    }
  }
}
