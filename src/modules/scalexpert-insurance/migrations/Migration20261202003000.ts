import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** The items registered with the insurer, shared by every instance (was a per-process cache). */
export class Migration20261202003000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "scalexpert_insurance_item" ("id" text not null, "key" text not null, "variant_id" text not null, "solution_code" text not null, "item_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "scalexpert_insurance_item_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_scalexpert_insurance_item_key_unique" ON "scalexpert_insurance_item" ("key") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_scalexpert_insurance_item_deleted_at" ON "scalexpert_insurance_item" ("deleted_at") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "scalexpert_insurance_item" cascade;`)
  }
}
