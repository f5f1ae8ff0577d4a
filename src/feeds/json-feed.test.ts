import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleFeed } from './feed-checks.test.js';
import { JSON_FEED_VERSION, toJsonFeed } from './json-feed.js';

describe('JSON Feed builder', () => {
  it('writes JSON Feed 1.1 with the feed’s addresses and language', () => {
    const feed = JSON.parse(toJsonFeed(sampleFeed()));
    assert.equal(feed.version, JSON_FEED_VERSION);
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(feed.title, 'Debat & "dialog" <blog>');
    assert.equal(feed.home_page_url, 'https://ytring.example/');
    assert.equal(feed.feed_url, 'https://ytring.example/feed.json');
    assert.equal(feed.language, 'da');
  });

  it('writes each item with id, url, title, HTML, RFC 3339 dates, every author and tags', () => {
    const [first, second] = JSON.parse(toJsonFeed(sampleFeed())).items;
    assert.deepEqual(first, {
      id: 'urn:uuid:01900000-0000-7000-8000-000000000002',
      url: 'https://ytring.example/debat/nyt',
      title: 'Nyt <indlæg> & \u0001svar',
      content_html: '<p>Tekst med <a href="https://ytring.example/x">link</a> og ]]&gt; og ]]> slut.</p>',
      summary: 'Kort indledning',
      date_published: '2026-03-02T09:00:00.000Z',
      date_modified: '2026-03-02T10:00:00.250Z',
      authors: [
        { name: 'Ida Holm', url: 'https://ytring.example/authors/ida-holm' },
        { name: 'Bo Lund', url: 'https://ytring.example/authors/bo-lund' },
      ],
      tags: ['Velfærd'],
    });
    assert.equal('summary' in second, false);
    assert.equal('tags' in second, false);
  });

  it('names the feed’s own author only when the feed has one', () => {
    assert.equal('authors' in JSON.parse(toJsonFeed(sampleFeed())), false);
    const single = JSON.parse(toJsonFeed(sampleFeed({ authors: [{ name: 'Ida Holm' }] })));
    assert.deepEqual(single.authors, [{ name: 'Ida Holm' }]);
  });
});
