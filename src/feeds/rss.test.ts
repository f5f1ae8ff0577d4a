import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkWellFormed, readFeed, sampleFeed, xmlToolsReady } from './feed-checks.test.js';
import { rfc822, toRss } from './rss.js';

describe('RSS builder', () => {
  it('writes well-formed XML', (t) => {
    if (!xmlToolsReady(t)) return;
    const result = checkWellFormed(toRss(sampleFeed()));
    assert.ok(result.ok, result.output);
  });

  it('reads back in a feed reader with titles, links, every author, categories and dates', async () => {
    const feed = await readFeed(toRss(sampleFeed()));
    assert.equal(feed.title, 'Debat & "dialog" <blog>');
    assert.equal(feed.link, 'https://ytring.example/');
    assert.equal(feed.feedUrl, 'https://ytring.example/feed.rss');
    const first = feed.items[0];
    assert.equal(first?.title, 'Nyt <indlæg> & svar');
    assert.equal(first?.link, 'https://ytring.example/debat/nyt');
    assert.equal(first?.guid, 'urn:uuid:01900000-0000-7000-8000-000000000002');
    assert.equal(first?.isoDate, '2026-03-02T09:00:00.000Z');
    assert.deepEqual(first?.creators, ['Ida Holm', 'Bo Lund']);
    assert.deepEqual(
      first?.rssCategories?.map((c) => (typeof c === 'string' ? [c] : [c._, c.$.domain])),
      [['Velfærd', 'https://ytring.example/tags/']],
    );
    assert.equal(
      first?.['content:encoded' as keyof typeof first],
      '<p>Tekst med <a href="https://ytring.example/x">link</a> og ]]&gt; og ]]> slut.</p>',
    );
    assert.equal(first?.content, 'Kort indledning');
    assert.equal(first?.comments, 'https://ytring.example/debat/nyt#comments');
  });

  it('writes dates in RFC 822 with a four-digit year and GMT', () => {
    assert.equal(rfc822(new Date('2026-03-02T09:05:07Z')), 'Mon, 02 Mar 2026 09:05:07 GMT');
    assert.match(toRss(sampleFeed()), /<pubDate>Mon, 02 Mar 2026 09:00:00 GMT<\/pubDate>/);
    assert.match(toRss(sampleFeed()), /<lastBuildDate>Mon, 02 Mar 2026 10:00:00 GMT<\/lastBuildDate>/);
  });

  it('names authors with dc:creator, never the e-mail that RSS author needs', () => {
    const xml = toRss(sampleFeed());
    assert.doesNotMatch(xml, /<author>/);
    assert.match(xml, /<dc:creator>Bo Lund<\/dc:creator>/);
  });

  it('gives a channel without a description its title, as RSS requires one', async () => {
    const feed = await readFeed(toRss(sampleFeed({ description: '' })));
    assert.equal(feed.description, 'Debat & "dialog" <blog>');
  });
});
