/**
 * Statements, writes among them, whose SQL text is built once per shape: a comment's few inserts
 * and updates, and the post page's reads (compiled-read.ts), cost more to build with Kysely than to
 * run on SQLite. The caller gets the whole result (the rows a write changed or returned).
 */
import { createQueryId, type Compilable, type CompiledQuery, type QueryResult } from 'kysely';
import { dialectOf, type Db } from './db.js';

const SHAPES_KEPT = 64;

/**
 * Whether a WITH may hold inserts and updates, so several writes reach the database as one
 * statement: PostgreSQL's may, and there each statement is a round trip; SQLite's may not, and
 * there a statement is a call into the same process.
 */
export const writesInWith = (db: Db): boolean => dialectOf(db) === 'postgres';

type Value = string | number | null;
type Argument = Value | readonly Value[];

interface Template {
  sql: string;
  query: CompiledQuery['query'];
  /** Per parameter: the argument (and item, for a list) that goes there, or the constant built in. */
  slots: ({ argument: number; item: number } | { constant: unknown })[];
}

const standIn = (argument: number, item: number) => `\u0000ytring-compiled-statement:${argument}:${item}\u0000`;

/**
 * `build` must use its arguments only as values (compared, inserted, set), never to choose the
 * statement's shape, and a `null` argument only where a value goes (`values`, `set`), not in a
 * `where` (Kysely writes `= null` there, never `is null`): it is built once with a text stand-in for
 * each argument, and the text is kept per dialect and per length of each list. A build that uses an
 * argument otherwise (a stand-in found in the text rather than among the parameters, or not at
 * all) is found out at its first call and is then built on every call, as without this.
 */
export function compiledStatement<A extends Argument[], R>(
  build: (db: Db, ...args: A) => Compilable<R>,
): (db: Db, ...args: A) => Promise<QueryResult<R>> {
  const templates = new Map<string, Template | null>();
  return async (db, ...args) => {
    const shape = `${dialectOf(db)}:${args.map((a) => (Array.isArray(a) ? a.length : '-')).join(',')}`;
    let template = templates.get(shape);
    if (template === undefined) {
      template = templateOf(db, build, args);
      // Lists of every length would keep a text each; past a few dozen shapes, the rest are built per call.
      if (templates.size < SHAPES_KEPT) templates.set(shape, template);
    }
    if (!template) return db.executeQuery(build(db, ...args).compile());
    const parameters = template.slots.map((slot) => {
      if ('constant' in slot) return slot.constant;
      const value = args[slot.argument];
      return Array.isArray(value) ? value[slot.item] : value;
    });
    const compiled: CompiledQuery<R> = { sql: template.sql, query: template.query, queryId: createQueryId(), parameters };
    return db.executeQuery(compiled);
  };
}

function templateOf<A extends Argument[], R>(db: Db, build: (db: Db, ...args: A) => Compilable<R>, args: A): Template | null {
  const standIns = args.map((a, i) => (Array.isArray(a) ? a.map((_, j) => standIn(i, j)) : standIn(i, -1))) as A;
  const compiled = build(db, ...standIns).compile();
  if (compiled.sql.includes('\u0000ytring-compiled-statement:')) return null;
  const byText = new Map<string, { argument: number; item: number }>();
  args.forEach((a, i) => {
    if (Array.isArray(a)) a.forEach((_, j) => byText.set(standIn(i, j), { argument: i, item: j }));
    else byText.set(standIn(i, -1), { argument: i, item: -1 });
  });
  const found = new Set<string>();
  const slots = compiled.parameters.map((parameter) => {
    const slot = typeof parameter === 'string' ? byText.get(parameter) : undefined;
    if (!slot) return { constant: parameter };
    found.add(parameter as string);
    return slot;
  });
  if (found.size !== byText.size) return null;
  return { sql: compiled.sql, query: compiled.query, slots };
}
