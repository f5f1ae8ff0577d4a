/**
 * Reads whose SQL text is built once per shape instead of on every call. Building and compiling a
 * Kysely query costs more than running most of the post page's reads on SQLite; the text only
 * depends on the query's shape, and the arguments only ever end up among its parameters. The
 * templating is compiled-statement.ts's; a read hands back only its rows.
 */
import type { Compilable } from 'kysely';
import { compiledStatement } from './compiled-statement.js';
import type { Db } from './db.js';

type Argument = string | number | readonly (string | number)[];

/**
 * `build` must use its arguments only as values (in `=`, `<`, `in` and the like), never to choose
 * the query's shape; see compiledStatement, which finds out a build that does otherwise at its
 * first call and then builds it on every call.
 */
export function compiledRead<A extends Argument[], R>(build: (db: Db, ...args: A) => Compilable<R>): (db: Db, ...args: A) => Promise<R[]> {
  const run = compiledStatement(build);
  return async (db, ...args) => (await run(db, ...args)).rows;
}
