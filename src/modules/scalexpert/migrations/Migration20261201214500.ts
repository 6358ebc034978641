import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Files with no order to pay (#10): why, and what a person must act on. */
export class Migration20261201214500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "scalexpert_file" add column if not exists "no_order_reason" text null, add column if not exists "flag" text null;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "scalexpert_file" drop column if exists "no_order_reason", drop column if exists "flag";`
    )
  }
}
