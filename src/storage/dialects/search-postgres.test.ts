import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { parseQuery } from '../../search/text-analysis.js';
import { POSTGRES_URL } from '../../../test/support/db.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { tsqueryLiteral, tsvectorLiteral } from './search-postgres.js';

describe('tsvector and tsquery literals', () => {
  it('gives every term its positions and its field weight', () => {
    assert.equal(tsvectorLiteral({ title: ['a', 'b'], lead: ['a'], extra: [], body: ["o'k"] }), "'a':1A,3B 'b':2A 'o''k':4D");
  });

  it('quotes every lexeme, ORs a group and ANDs the groups', () => {
    assert.equal(
      tsqueryLiteral({
        groups: [
          { terms: ['a', 'b'], prefixes: [] },
          { terms: [], prefixes: ['par'] },
        ],
      }),
      "('a' | 'b') & ('par':*)",
    );
  });

  it('puts the facets in the document without positions, and in the query as groups of their own', () => {
    assert.equal(tsvectorLiteral({ title: ['a'], lead: [], extra: [], body: [] }, ['_bx', '_y2019']), "'a':1A '_bx' '_y2019'");
    assert.equal(
      tsqueryLiteral({ groups: [{ terms: ['a'], prefixes: [] }], facets: [['_bx'], ['_y2018', '_y2019']] }),
      "('a') & ('_bx') & ('_y2018' | '_y2019')",
    );
  });
});

// The index stems with the same Snowball algorithm as PostgreSQL's danish configuration; this
// checks that our index ranks the demo site as a tsvector built by PostgreSQL itself would.
describe("ranking against PostgreSQL's danish configuration", { skip: !POSTGRES_URL && 'no PostgreSQL' }, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('postgres', { demo: true });
  });
  after(async () => {
    await server?.close();
  });

  // Post ids in rank order: by PostgreSQL's danish configuration over the same fields, and by our index.
  const ranked = async (q: string) => {
    const native = await sql<{ id: string }>`
      select p.id from posts p join search_documents d on d.post_id = p.id,
        lateral (select coalesce(string_agg(t.name, ' '), '') as names from post_tags pt join tags t on t.id = pt.tag_id where pt.post_id = p.id) tg,
        lateral (select coalesce(string_agg(pe.name, ' '), '') as names from post_authors pa join people pe on pe.id = pa.person_id where pa.post_id = p.id) au,
        lateral (select setweight(to_tsvector('danish', p.title), 'A') || setweight(to_tsvector('danish', p.lead), 'B')
          || setweight(to_tsvector('danish', tg.names || ' ' || au.names), 'C') || setweight(to_tsvector('danish', d.body_text), 'D') as v) v,
        plainto_tsquery('danish', ${q}) query
      where v.v @@ query order by ts_rank(v.v, query, 1) desc, p.id`.execute(server.db);
    const ours = await sql<{ id: string }>`
      select d.post_id as id from search_documents d, (select ${tsqueryLiteral(parseQuery(q))}::tsquery as q) q
      where d.document @@ q.q order by ts_rank(d.document, q.q, 1) desc, d.post_id`.execute(server.db);
    return { native: native.rows.map((r) => r.id), ours: ours.rows.map((r) => r.id) };
  };

  for (const q of [
    'partnerskaber',
    'ledelse',
    'digitalisering',
    'samarbejde',
    'kommuner',
    'myndigheder',
    'medarbejdere',
    'erfaringer',
    'ansvaret',
    'faglighed',
    'offentlige sektor',
  ]) {
    it(`finds the same posts and ranks the same one first for "${q}"`, async () => {
      const { native, ours } = await ranked(q);
      assert.ok(native.length > 0);
      assert.deepEqual([...ours].sort(), [...native].sort());
      assert.equal(ours[0], native[0]);
    });
  }
});
