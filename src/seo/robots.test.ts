import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toRobotsTxt } from './robots.js';

describe('robots.txt', () => {
  it('allows everything but the private pages and points to the sitemap', () => {
    assert.equal(toRobotsTxt('https://ytring.example'), [
      'User-agent: *', 'Allow: /', 'Disallow: /admin', 'Disallow: /comments/manage', 'Disallow: /privacy/comments', '',
      'Sitemap: https://ytring.example/sitemap.xml', '',
    ].join('\n'));
  });

  it('keeps the base path of a site served under one', () => {
    const text = toRobotsTxt('https://example.dk/debat');
    assert.match(text, /^Disallow: \/debat\/admin$/m);
    assert.match(text, /^Sitemap: https:\/\/example\.dk\/debat\/sitemap\.xml$/m);
  });
});
