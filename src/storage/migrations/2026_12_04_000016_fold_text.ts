import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db.js';

// The admin lists match names and text ignoring case and accents. Both databases must answer the
// same, so neither's own lower() decides (SQLite's folds only A–Z; PostgreSQL's follows the
// database's locale): text-match.ts folds in code with these tables, SQLite calls that code as a
// registered function, and on PostgreSQL the function below does the same steps with the same
// tables. They are frozen with this migration: a different fold needs a new migration that
// replaces the function, and text-match.test.ts compares the two over every letter.

const range = (from: number, to: number, skip: number[] = []) => {
  let text = '';
  for (let code = from; code <= to; code++) if (!skip.includes(code)) text += String.fromCodePoint(code);
  return text;
};

/** Capital letters left whole by canonical decomposition, and their small letters, in the same order. */
export const FOLD_CAPITALS = `${range(0x41, 0x5a)}ÆÐØÞĐĦĲĿŁŊŒŦƏẞ${range(0x391, 0x3a9, [0x3a2])}${range(0x400, 0x42f)}`;
export const FOLD_SMALL = `${range(0x61, 0x7a)}æðøþđħĳŀłŋœŧəß${range(0x3b1, 0x3c9, [0x3c2])}${range(0x450, 0x45f)}${range(0x430, 0x44f)}`;

/**
 * Danish letters spelled as a Danish keyboard-less writer does (and as the site search folds them),
 * applied in this order after decomposition. "å" comes last: its "aa" must not meet a following
 * diaeresis as the "a" + diaeresis rule would read it.
 */
export const FOLD_SPELLINGS: readonly (readonly [string, string])[] = [
  ['ß', 'ss'],
  ['æ', 'ae'],
  ['ø', 'oe'],
  ['o\u0308', 'oe'],
  ['a\u0308', 'ae'],
  ['a\u030a', 'aa'],
];

/** The combining accents dropped last. */
export const FOLD_ACCENTS = range(0x300, 0x36f);

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // SQLite's ytring_fold is registered on each connection when the database is opened.
  if (dialectOf(db) !== 'postgres') return;
  let body = `translate(normalize(t, NFD), ${literal(FOLD_CAPITALS)}, ${literal(FOLD_SMALL)})`;
  for (const [from, to] of FOLD_SPELLINGS) body = `replace(${body}, ${literal(from)}, ${literal(to)})`;
  body = `translate(${body}, ${literal(FOLD_ACCENTS)}, '')`;
  await sql
    .raw(
      `create or replace function ytring_fold(t text) returns text
    language sql immutable strict parallel safe as $$ select ${body} $$`,
    )
    .execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') await sql`drop function if exists ytring_fold(text)`.execute(db);
}
