import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261121111630 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "scalexpert_file" add column if not exists "delivery_status" text null, add column if not exists "delivery_attempts" integer not null default 0, add column if not exists "delivery_next_attempt_at" timestamptz null, add column if not exists "delivery_error" text null, add column if not exists "delivery_tracking_number" text null, add column if not exists "delivery_operator" text null, add column if not exists "delivery_trigger" text null, add column if not exists "delivery_fulfillment_id" text null, add column if not exists "delivery_confirmed_at" timestamptz null, add column if not exists "captured_at" timestamptz null, add column if not exists "return_confirmed_at" timestamptz null, add column if not exists "partial_cancel_used" boolean not null default false, add column if not exists "pending_cancellation" jsonb null, add column if not exists "cancel_status" text null, add column if not exists "cancel_attempts" integer not null default 0, add column if not exists "cancel_next_attempt_at" timestamptz null, add column if not exists "cancel_error" text null, add column if not exists "unexplained_cancellation" jsonb null;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_scalexpert_file_order_id" ON "scalexpert_file" ("order_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_scalexpert_file_delivery_status" ON "scalexpert_file" ("delivery_status") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_scalexpert_file_cancel_status" ON "scalexpert_file" ("cancel_status") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_scalexpert_file_order_id";`)
    this.addSql(`drop index if exists "IDX_scalexpert_file_delivery_status";`)
    this.addSql(`drop index if exists "IDX_scalexpert_file_cancel_status";`)
    this.addSql(
      `alter table if exists "scalexpert_file" drop column if exists "delivery_status", drop column if exists "delivery_attempts", drop column if exists "delivery_next_attempt_at", drop column if exists "delivery_error", drop column if exists "delivery_tracking_number", drop column if exists "delivery_operator", drop column if exists "delivery_trigger", drop column if exists "delivery_fulfillment_id", drop column if exists "delivery_confirmed_at", drop column if exists "captured_at", drop column if exists "return_confirmed_at", drop column if exists "partial_cancel_used", drop column if exists "pending_cancellation", drop column if exists "cancel_status", drop column if exists "cancel_attempts", drop column if exists "cancel_next_attempt_at", drop column if exists "cancel_error", drop column if exists "unexplained_cancellation";`
    )
  }
}
