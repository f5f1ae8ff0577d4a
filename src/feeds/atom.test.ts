import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toAtom } from './atom.js';
import { assertValidAtom, checkAtomGrammar, checkAtomRules, readFeed, sampleFeed, xmlToolsReady } from './feed-checks.test.js';

describe('Atom builder', () => {
  it('writes a feed that RFC 4287 RELAX NG grammar and Schematron rules accept', (t) => {
    if (!xmlToolsReady(t, { schema: true })) return;
    assertValidAtom(toAtom(sampleFeed()));
  });

  it('writes a valid feed without entries', (t) => {
    if (!xmlToolsReady(t, { schema: true })) return;
    assertValidAtom(toAtom(sampleFeed({ items: [] })));
  });

  it('names the site as the feed author when an entry has none of its own', (t) => {
    if (!xmlToolsReady(t, { schema: true })) return;
    const feed = sampleFeed();
    feed.items[1]!.authors = [];
    const xml = toAtom(feed);
    assertValidAtom(xml);
    assert.match(xml.split('<entry>')[0]!, /<author><name>Ytring<\/name>/);
  });

  it('has checks that catch a feed breaking the grammar or a Schematron rule', (t) => {
    if (!xmlToolsReady(t, { schema: true })) return;
    const valid = toAtom(sampleFeed());
    assert.equal(checkAtomGrammar(valid.replace(/<id>[^<]*<\/id>/, '')).ok, false, 'a feed without atom:id');
    assert.equal(
      checkAtomGrammar(valid.replace(/<updated>[^<]*<\/updated>/, '<updated>Mon, 02 Mar 2026 10:00:00 GMT</updated>')).ok,
      false,
      'an RFC 822 date',
    );
    assert.equal(checkAtomRules(valid.replace(/<author>.*?<\/author>/g, '')).ok, false, 'no author anywhere');
    assert.equal(
      checkAtomRules(valid.replace(/<link rel="alternate"[^>]*\/>|<content[^>]*>[^<]*<\/content>/g, '')).ok,
      false,
      'an entry without link or content',
    );
  });

  it('reads back in a feed reader with exact titles, links, every author and dates', async () => {
    const feed = await readFeed(toAtom(sampleFeed()));
    assert.equal(feed.title, 'Debat & "dialog" <blog>');
    assert.equal(feed.link, 'https://ytring.example/');
    assert.equal(feed.feedUrl, 'https://ytring.example/feed.atom');
    const [first, second] = feed.items;
    assert.equal(first?.title, 'Nyt <indlæg> & svar', 'markup escaped, the control character dropped');
    assert.equal(first?.link, 'https://ytring.example/debat/nyt');
    assert.equal(first?.id, 'urn:uuid:01900000-0000-7000-8000-000000000002');
    assert.equal(first?.isoDate, '2026-03-02T09:00:00.000Z');
    assert.deepEqual(
      first?.atomAuthors?.map((a) => a.name?.[0]),
      ['Ida Holm', 'Bo Lund'],
    );
    assert.deepEqual(
      first?.atomAuthors?.map((a) => a.uri?.[0]),
      ['https://ytring.example/authors/ida-holm', 'https://ytring.example/authors/bo-lund'],
    );
    assert.equal(first?.content, '<p>Tekst med <a href="https://ytring.example/x">link</a> og ]]&gt; og ]]> slut.</p>');
    assert.equal(first?.summary, 'Kort indledning');
    assert.equal(second?.title, 'Gammelt indlæg');
  });

  it('writes dates in RFC 3339 and categories with term, label and scheme', () => {
    const xml = toAtom(sampleFeed());
    assert.match(xml, /<updated>2026-03-02T10:00:00\.250Z<\/updated>/);
    assert.match(xml, /<published>2026-03-02T09:00:00\.000Z<\/published>/);
    assert.match(xml, /<category term="velfaerd" scheme="https:\/\/ytring\.example\/tags\/" label="Velfærd"\/>/);
    assert.match(xml, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom" xml:lang="da">/);
  });

  it('never writes an e-mail element', () => {
    assert.doesNotMatch(toAtom(sampleFeed()), /<email>/);
  });
});
