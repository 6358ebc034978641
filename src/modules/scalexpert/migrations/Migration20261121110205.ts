import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261121110205 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "scalexpert_file" drop constraint if exists "scalexpert_file_payment_session_id_unique";`
    )
    this.addSql(
      `create table if not exists "scalexpert_file" ("id" text not null, "payment_session_id" text not null, "subscription_id" text null, "solution_code" text not null, "cart_id" text null, "order_id" text null, "status" text null, "substatus" text null, "financed_amount" numeric null, "cancelled_amount" numeric null, "last_read_at" timestamptz null, "raw_financed_amount" jsonb null, "raw_cancelled_amount" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "scalexpert_file_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_scalexpert_file_payment_session_id_unique" ON "scalexpert_file" ("payment_session_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_scalexpert_file_deleted_at" ON "scalexpert_file" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_scalexpert_file_subscription_id" ON "scalexpert_file" ("subscription_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_scalexpert_file_status" ON "scalexpert_file" ("status") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "scalexpert_file_event" ("id" text not null, "kind" text not null, "trigger" text not null, "from_status" text null, "to_status" text null, "outcome" text not null, "message" text not null, "detail" jsonb null, "file_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "scalexpert_file_event_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_scalexpert_file_event_file_id" ON "scalexpert_file_event" ("file_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_scalexpert_file_event_deleted_at" ON "scalexpert_file_event" ("deleted_at") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `alter table if exists "scalexpert_file_event" add constraint "scalexpert_file_event_file_id_foreign" foreign key ("file_id") references "scalexpert_file" ("id") on update cascade;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "scalexpert_file_event" drop constraint if exists "scalexpert_file_event_file_id_foreign";`
    )

    this.addSql(`drop table if exists "scalexpert_file" cascade;`)

    this.addSql(`drop table if exists "scalexpert_file_event" cascade;`)
  }
}
