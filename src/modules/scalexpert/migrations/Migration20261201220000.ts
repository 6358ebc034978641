import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Reconciliation that costs what changed (#13): when the job reads each file next (only files with
 * a next read are in the index, so the selection stays flat as orders grow), and the cursors of
 * the feeds it reads by pages (the lender's event log, new payment sessions).
 */
export class Migration20261201220000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "scalexpert_file" add column if not exists "next_read_at" timestamptz null;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_scalexpert_file_next_read_at" ON "scalexpert_file" ("next_read_at") WHERE deleted_at IS NULL AND next_read_at IS NOT NULL;`
    )
    this.addSql(
      `create table if not exists "scalexpert_sync_cursor" ("id" text not null, "name" text not null, "value" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "scalexpert_sync_cursor_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_scalexpert_sync_cursor_name_unique" ON "scalexpert_sync_cursor" ("name") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_scalexpert_sync_cursor_deleted_at" ON "scalexpert_sync_cursor" ("deleted_at") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "scalexpert_sync_cursor" cascade;`)
    this.addSql(`drop index if exists "IDX_scalexpert_file_next_read_at";`)
    this.addSql(`alter table if exists "scalexpert_file" drop column if exists "next_read_at";`)
  }
}
