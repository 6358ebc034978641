import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261201223719 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "scalexpert_insurance_policy" ("id" text not null, "order_id" text not null, "cart_id" text null, "line_item_id" text not null, "insured_line_item_id" text null, "variant_id" text null, "insured_title" text not null, "unit_index" integer not null, "solution_code" text not null, "insurance_id" text not null, "description" text not null, "item_id" text not null, "quote_id" text null, "quote_expires_at" timestamptz null, "currency_code" text not null, "price_cents" integer not null, "quoted_price_cents" integer null, "insured_price_cents" integer not null, "subscription_id" text null, "status" text null, "subscribe_status" text not null default 'pending', "cancel_status" text null, "cancel_reason" text null, "attempts" integer not null default 0, "next_attempt_at" timestamptz null, "last_error" text null, "requoted_at" timestamptz null, "last_read_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "scalexpert_insurance_policy_pkey" primary key ("id"));`
    )
    for (const column of ["order_id", "subscription_id", "subscribe_status", "cancel_status"]) {
      this.addSql(
        `CREATE INDEX IF NOT EXISTS "IDX_scalexpert_insurance_policy_${column}" ON "scalexpert_insurance_policy" ("${column}") WHERE deleted_at IS NULL;`
      )
    }
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_scalexpert_insurance_policy_deleted_at" ON "scalexpert_insurance_policy" ("deleted_at") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "scalexpert_insurance_policy" cascade;`)
  }
}
