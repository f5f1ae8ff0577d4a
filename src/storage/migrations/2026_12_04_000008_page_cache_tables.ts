import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db.js';

// Public pages show approved comments only. A comment held for moderation or filed as spam (which
// anyone can cause) changed nothing a reader sees, yet 000006's triggers emptied every page cache
// for it. From here the comments' triggers fire only for a row that is, or was, approved: a new
// approved comment, an edit or erasure of one, and moderation moving one into or out of view.
const EVENTS = [
  { event: 'insert', when: "new.status = 'approved'" },
  { event: 'update', when: "old.status = 'approved' or new.status = 'approved'" },
  { event: 'delete', when: "old.status = 'approved'" },
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql.raw('drop trigger if exists comments_content_changed on comments').execute(db);
    for (const { event, when } of EVENTS) {
      await sql
        .raw(
          `create trigger comments_${event}_content_changed after ${event} on comments
        for each row when (${when}) execute function ytring_content_changed()`,
        )
        .execute(db);
    }
    return;
  }
  for (const { event, when } of EVENTS) {
    await sql.raw(`drop trigger if exists comments_${event}_content_changed`).execute(db);
    await sql
      .raw(
        `create trigger comments_${event}_content_changed after ${event} on comments when ${when}
      begin update content_version set version = version + 1 where id = 1; end`,
      )
      .execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    for (const { event } of EVENTS) await sql.raw(`drop trigger if exists comments_${event}_content_changed on comments`).execute(db);
    await sql
      .raw(
        `create trigger comments_content_changed after insert or update or delete on comments
      for each row execute function ytring_content_changed()`,
      )
      .execute(db);
    return;
  }
  for (const { event } of EVENTS) {
    await sql.raw(`drop trigger if exists comments_${event}_content_changed`).execute(db);
    await sql
      .raw(
        `create trigger comments_${event}_content_changed after ${event} on comments
      begin update content_version set version = version + 1 where id = 1; end`,
      )
      .execute(db);
  }
}
