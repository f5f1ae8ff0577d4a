import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkWellFormed, xmlToolsReady } from '../feeds/feed-checks.test.js';
import { splitSitemap, toSitemapIndex, toUrlset } from './sitemap.js';

const at = (day: number) => new Date(Date.UTC(2026, 2, day));

describe('sitemap builder', () => {
  it('writes a well-formed urlset with escaped addresses and lastmod', (t) => {
    const xml = toUrlset([{ url: 'https://ytring.example/', lastModified: at(2) }, { url: 'https://ytring.example/s?a=1&b=2' }]);
    assert.match(xml, /<urlset xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9">/);
    assert.match(xml, /<url><loc>https:\/\/ytring\.example\/<\/loc><lastmod>2026-03-02T00:00:00\.000Z<\/lastmod><\/url>/);
    assert.match(xml, /<url><loc>https:\/\/ytring\.example\/s\?a=1&amp;b=2<\/loc><\/url>/);
    if (!xmlToolsReady(t)) return;
    const result = checkWellFormed(xml);
    assert.ok(result.ok, result.output);
  });

  it('splits a large site into files, each with its newest lastmod, and indexes them', () => {
    const entries = [1, 5, 3, 2, 4].map((day) => ({ url: `https://ytring.example/${day}`, lastModified: at(day) }));
    const files = splitSitemap(entries, 2);
    assert.deepEqual(
      files.map((f) => f.entries.length),
      [2, 2, 1],
    );
    assert.deepEqual(
      files.map((f) => f.lastModified),
      [at(5), at(3), at(4)],
    );
    const index = toSitemapIndex([{ url: 'https://ytring.example/sitemap.xml?page=1', lastModified: at(5) }]);
    assert.match(
      index,
      /<sitemapindex xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9">\n<sitemap><loc>https:\/\/ytring\.example\/sitemap\.xml\?page=1<\/loc><lastmod>2026-03-05T00:00:00\.000Z<\/lastmod><\/sitemap>/,
    );
  });
});
