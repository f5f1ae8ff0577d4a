import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { escapeHtml } from '../shared/escape-html.js';
import { highlight, snippet } from './snippet.js';

const termOfWords =
  (...words: string[]) =>
  (word: string) =>
    words.includes(word.toLowerCase()) ? word.toLowerCase() : undefined;
const unescape = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('highlight', () => {
  it('escapes everything and marks the matched words', () => {
    const html = highlight('<script>alert("x")</script> & partnerskab', termOfWords('partnerskab', 'script'));
    assert.equal(html, '&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; &amp; <mark>partnerskab</mark>');
  });

  it('lets no markup but <mark> through, for any text', () => {
    const hostile = fc.string({
      unit: fc.constantFrom('<', '>', '"', "'", '&', ' ', 'a', 'mark', 'script', '/', 'ø', '\u0000'),
      maxLength: 120,
    });
    fc.assert(
      fc.property(hostile, (text) => {
        const html = highlight(text, termOfWords('a', 'mark', 'script'));
        assert.doesNotMatch(html.replace(/<\/?mark>/g, ''), /[<>"']/);
        assert.equal(unescape(html.replace(/<\/?mark>/g, '')), text);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('snippet', () => {
  const body = `${'Indledende ord uden betydning. '.repeat(20)}Her står partnerskab og samarbejde tæt. ${'Fyld. '.repeat(60)}Kun partnerskab her.`;

  it('picks the passage with the most different matched words and marks where it was cut', () => {
    const html = snippet([body], termOfWords('partnerskab', 'samarbejde'), 120);
    assert.match(html, /^….*<mark>partnerskab<\/mark> og <mark>samarbejde<\/mark>.*…$/);
    assert.ok(unescape(html.replace(/<\/?mark>/g, '')).length <= 122);
  });

  it('prefers the first text when another has no more different words', () => {
    assert.equal(snippet(['Et partnerskab.', 'partnerskab partnerskab'], termOfWords('partnerskab')), 'Et <mark>partnerskab</mark>.');
  });

  it('shows the start of the text when nothing matches', () => {
    assert.match(snippet([body], termOfWords('ingenting'), 60), /^Indledende ord.*…$/);
  });

  it('escapes a hostile text', () => {
    assert.equal(
      snippet(['<img src=x onerror=alert(1)> partnerskab'], termOfWords('partnerskab')),
      `${escapeHtml('<img src=x onerror=alert(1)>')} <mark>partnerskab</mark>`,
    );
  });
});
