import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { JsonLd } from './json-ld.js';

describe('JSON-LD', () => {
  it('renders the object as JSON in a script that no text inside can end', () => {
    const data = { '@context': 'https://schema.org', '@type': 'BlogPosting', headline: '</script><script>alert("x")</script> & <!-- æ' };
    const html = renderToString(<JsonLd data={data} />);
    const match = /^<script type="application\/ld\+json">(.*)<\/script>$/s.exec(html);
    assert.ok(match, html);
    assert.doesNotMatch(match[1]!, /</);
    assert.deepEqual(JSON.parse(match[1]!), data);
  });
});
