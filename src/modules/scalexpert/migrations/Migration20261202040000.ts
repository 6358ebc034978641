import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Outside cancellations are recorded at once (#10), so no difference with the lender waits to be
 * explained any more: the column that held it goes.
 */
export class Migration20261202040000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "scalexpert_file" drop column if exists "unexplained_cancellation";`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "scalexpert_file" add column if not exists "unexplained_cancellation" jsonb null;`
    )
  }
}
