import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { DIALECTS, openedTestDatabase } from '../../test/support/db.js';
import { compiledRead } from './compiled-read.js';

for (const dialect of DIALECTS) {
  describe(`reads compiled once (${dialect})`, () => {
    const opened = openedTestDatabase(dialect);
    const seed = async () => {
      const { db } = opened;
      await db.deleteFrom('tags').execute();
      await db
        .insertInto('tags')
        .values(['a', 'b', 'c', 'd'].map((n, i) => ({ id: `00000000-0000-4000-8000-00000000000${i}`, slug: `tag-${n}`, name: `Tag ${n}` })))
        .execute();
    };

    it('answers each call with its own arguments, constants kept, lists of any length', async () => {
      await seed();
      const { db } = opened;
      const bySlugs = compiledRead((d, slugs: string[], not: string) =>
        d
          .selectFrom('tags')
          .select(['slug', sql<string>`'fixed'`.as('k')])
          .where('slug', 'in', slugs)
          .where('name', '!=', not)
          .where('name', '!=', 'Tag d')
          .orderBy('slug'),
      );
      const slugsOf = async (slugs: string[], not: string) => (await bySlugs(db, slugs, not)).map((r) => r.slug);
      assert.deepEqual(await slugsOf(['tag-a', 'tag-b'], 'Tag a'), ['tag-b']);
      assert.deepEqual(await slugsOf(['tag-c', 'tag-a'], 'Tag x'), ['tag-a', 'tag-c']);
      assert.deepEqual(await slugsOf(['tag-a', 'tag-b', 'tag-c', 'tag-d'], 'Tag b'), ['tag-a', 'tag-c']);
      assert.deepEqual(await slugsOf(['tag-d'], 'Tag b'), [], 'the constant stays in its place');
      assert.deepEqual(await slugsOf(['tag-b', 'tag-c'], 'Tag c'), ['tag-b']);
    });

    it('builds anew each call when an argument does not go to the parameters as it came', async () => {
      await seed();
      const { db } = opened;
      const prefixed = compiledRead((d, start: string) =>
        d.selectFrom('tags').select('slug').where('slug', 'like', `${start}%`).orderBy('slug'),
      );
      assert.deepEqual(
        (await prefixed(db, 'tag-a')).map((r) => r.slug),
        ['tag-a'],
      );
      assert.deepEqual(
        (await prefixed(db, 'tag-c')).map((r) => r.slug),
        ['tag-c'],
      );
      const inlined = compiledRead((d, slug: string) => d.selectFrom('tags').select('slug').where('slug', '=', sql.lit(slug)));
      assert.deepEqual(
        (await inlined(db, 'tag-b')).map((r) => r.slug),
        ['tag-b'],
      );
      assert.deepEqual(
        (await inlined(db, 'tag-d')).map((r) => r.slug),
        ['tag-d'],
      );
    });
  });
}
