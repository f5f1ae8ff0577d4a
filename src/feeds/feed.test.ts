import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { gzipPieces } from '../http/gzip-splice.js';
import { escapeHtml } from '../shared/escape-html.js';
import { escapeXml } from '../shared/xml.js';
import { absoluteLinks, feedPieces, joinFeed, newestUpdate, type FeedItem, type FeedText } from './feed.js';
import { sameValue } from './feed.service.js';

describe('feed helpers', () => {
  it('makes site-relative links and images absolute and leaves other addresses alone', () => {
    const html =
      '<p><a href="/debat/x">a</a> <img src="/uploads/b.png" alt=""> <a href="#noter">c</a> <a href="https://example.org/">d</a> <a href="//cdn.example/e">e</a> href=&quot;/tekst&quot;</p>';
    assert.equal(
      absoluteLinks(html, 'https://ytring.example', 'https://ytring.example/debat/y'),
      '<p><a href="https://ytring.example/debat/x">a</a> <img src="https://ytring.example/uploads/b.png" alt=""> <a href="https://ytring.example/debat/y#noter">c</a> <a href="https://example.org/">d</a> <a href="//cdn.example/e">e</a> href=&quot;/tekst&quot;</p>',
    );
  });

  it('escapes text for HTML and XML, dropping characters XML cannot carry but keeping emoji', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    assert.equal(escapeXml('a\u0000b\u000Bc\u001Fd\tf\ng\uFFFEh'), 'abcd\tf\ngh');
    assert.equal(escapeXml('ok 😀 \uD800 lone'), 'ok 😀  lone');
    assert.equal(escapeXml(`<"'&>`), '&lt;&quot;&apos;&amp;&gt;');
  });

  it("takes the newest item's update as the feed's, or the fallback without items", () => {
    const fallback = new Date('2020-01-01T00:00:00Z');
    assert.equal(newestUpdate([], fallback), fallback);
    const newest = new Date('2026-01-02T00:00:00Z');
    assert.equal(newestUpdate([{ updated: new Date('2026-01-01T00:00:00Z') }, { updated: newest }], fallback), newest);
  });
});

describe('sameValue, which decides whether a kept feed item still shows what was read', () => {
  it('is true only for equal values, dates by their time, objects and lists key by key', () => {
    const post = { id: 'p1', at: new Date(1000), tags: [{ name: 'Skole' }], image: null };
    assert.ok(sameValue(post, { id: 'p1', at: new Date(1000), tags: [{ name: 'Skole' }], image: null }));
    assert.ok(!sameValue(post, { ...post, at: new Date(1001) }));
    assert.ok(!sameValue(post, { ...post, tags: [{ name: 'Klima' }] }));
    assert.ok(!sameValue(post, { ...post, tags: [] }));
    assert.ok(!sameValue(post, { ...post, extra: undefined }));
    assert.ok(!sameValue([1, 2], { 0: 1, 1: 2 }));
  });

  it('never calls two maps or buffers the same, whose contents their own keys do not show', () => {
    assert.ok(!sameValue(new Map([['a', 1]]), new Map([['a', 2]])));
    assert.ok(!sameValue(Buffer.from('a'), Buffer.from('a')));
  });
});

describe('feedPieces, the body a feed from scratch is spliced from', () => {
  const item = (key: string) => ({ key }) as FeedItem;
  const text = (title: string): FeedText => ({
    head: ['<feed>', `<title>${title}</title>`],
    entries: ['<entry>a</entry>', '<entry>b</entry>'],
    tail: ['</feed>', ''],
  });

  it('keeps the text around the entries compressed while it reads the same, so nothing is compressed per answer', () => {
    const items = [item('post:1'), item('post:2')];
    const first = feedPieces('atom', items, text('Nyt'));
    const again = feedPieces('atom', items, text('Nyt'));
    assert.ok(first.pieces.every((piece) => !Buffer.isBuffer(piece)));
    assert.deepEqual(again.pieces, first.pieces);
    assert.ok(again.pieces.every((piece, i) => piece === first.pieces[i]));
    assert.equal(again.etag, first.etag);
  });

  it('makes the new text, and a new ETag, when the text around the entries changes; the gzip form is the text', () => {
    const items = [item('post:1'), item('post:2')];
    const before = feedPieces('atom', items, text('Nyt'));
    const after = feedPieces('atom', items, text('Rettet'));
    assert.notEqual(after.etag, before.etag);
    assert.equal(gunzipSync(gzipPieces(after.pieces)).toString(), joinFeed(text('Rettet')));
    assert.equal(gunzipSync(gzipPieces(before.pieces)).toString(), joinFeed(text('Nyt')));
  });
});
