import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { escapeHtml } from '../shared/escape-html.js';
import { tokenize } from './text-analysis.js';
import { highlight, snippet, SNIPPET_SCAN_CHARS } from './snippet.js';

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
    const html = snippet([body], termOfWords('partnerskab', 'samarbejde'), { length: 120 });
    assert.match(html, /^….*<mark>partnerskab<\/mark> og <mark>samarbejde<\/mark>.*…$/);
    assert.ok(unescape(html.replace(/<\/?mark>/g, '')).length <= 122);
  });

  it('prefers the first text when another has no more different words', () => {
    assert.equal(snippet(['Et partnerskab.', 'partnerskab partnerskab'], termOfWords('partnerskab')), 'Et <mark>partnerskab</mark>.');
  });

  it('shows the start of the text when nothing matches', () => {
    assert.match(snippet([body], termOfWords('ingenting'), { length: 60 }), /^Indledende ord.*…$/);
  });

  it('escapes a hostile text', () => {
    assert.equal(
      snippet(['<img src=x onerror=alert(1)> partnerskab'], termOfWords('partnerskab')),
      `${escapeHtml('<img src=x onerror=alert(1)>')} <mark>partnerskab</mark>`,
    );
  });
});

/**
 * The passage as first written: every match tried as the start, the matches inside it counted
 * afresh each time. Plain and quadratic; snippet() must choose as it does.
 */
function referencePassage(text: string, termOf: (word: string) => string | undefined, length: number) {
  const tokens = tokenize(text);
  const matched = tokens.flatMap((t) => (termOf(t.text) === undefined ? [] : [{ ...t, term: termOf(t.text)! }])).slice(0, 500);
  const endBefore = (start: number, limit: number) => {
    const end = tokens.filter((t) => t.end <= limit).at(-1)?.end ?? 0;
    return end > start ? end : Math.min(text.length, limit);
  };
  if (text.length <= length) return { start: 0, end: text.length };
  let best = { start: 0, end: endBefore(0, length), score: [0, 0] };
  for (let i = 0; i < matched.length; i++) {
    const first = matched[i]!;
    const start = tokens.find((t) => t.start >= first.start - 40)!.start;
    const end = Math.max(first.end, endBefore(start, start + length));
    const inside = matched.slice(i).filter((t) => t.end <= end);
    const score = [new Set(inside.map((t) => t.term)).size, inside.length];
    if (score[0]! > best.score[0]! || (score[0] === best.score[0] && score[1]! > best.score[1]!)) best = { start, end, score };
  }
  return best;
}

describe('snippet, against the plain way of choosing', () => {
  it('chooses the same passage for any text it looks through whole', () => {
    const word = fc.constantFrom('a', 'bb', 'partnerskab', 'samarbejde', 'fyld', 'x'.repeat(70), 'tillid');
    const gap = fc.constantFrom(' ', '. ', ', ', '\n', ' — ');
    const text = fc.array(fc.tuple(word, gap), { maxLength: 160 }).map((parts) =>
      parts
        .map(([w, g]) => w + g)
        .join('')
        .trim(),
    );
    const termOf = termOfWords('partnerskab', 'samarbejde', 'tillid');
    fc.assert(
      fc.property(text, fc.integer({ min: 20, max: 300 }), (text, length) => {
        const { start, end } = referencePassage(text, termOf, length);
        const expected = `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
        assert.equal(unescape(snippet([text], termOf, { length }).replace(/<\/?mark>/g, '')), expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('snippet of a long text', () => {
  // Numbered words, so the words looked at tell how far into the text the snippet went.
  const long = Array.from({ length: 20_000 }, (_, i) => `ord${i}`).join(' ');
  const positionOf = (word: string) => long.indexOf(`${word} `);

  it('looks at no word past its scan, however long the text', () => {
    const looked: string[] = [];
    snippet([long], (word) => (looked.push(word), undefined));
    assert.ok(looked.length > 100, 'it looks at the start');
    const furthest = Math.max(...looked.map(positionOf));
    assert.ok(furthest < SNIPPET_SCAN_CHARS, `looked at a word at ${furthest}`);
  });

  it('marks a match inside the scan and shows the start, cut, for a match only past it', () => {
    assert.match(snippet([long], termOfWords('ord200')), /<mark>ord200<\/mark>.*…$/);
    assert.match(snippet([long], termOfWords('ord19000')), /^ord0 ord1 ord2 [^<]*…$/);
  });

  it('says the text goes on when the passage ends where the scan does', () => {
    const last = long.slice(0, SNIPPET_SCAN_CHARS).split(' ').at(-2)!;
    assert.match(snippet([long], termOfWords(last), { length: 40 }), new RegExp(`<mark>${last}</mark>.*…$`));
  });

  it('prepares the text before cutting it, so an address across the cut is hidden whole', () => {
    const filler = 'x '.repeat((SNIPPET_SCAN_CHARS - 10) / 2);
    const text = `${filler}ida.jensen@eksempel.dk ${'y '.repeat(5000)}`;
    // Like hideEmails, it knows an address only whole: cut in the middle, none would be seen.
    const hide = (t: string) => t.replace(/([\w.]+)@(\w+\.[a-z]{2,})/g, '$1 (snabel-a) $2');
    const html = snippet([text], termOfWords('ida'), { prepare: hide });
    assert.doesNotMatch(html, /@/);
    assert.match(html, /<mark>ida<\/mark>\.jensen…$/);
    // With no space to cut at, the scan ends between the @ and the domain: hidden first, nothing shows.
    const run = `${'x'.repeat(SNIPPET_SCAN_CHARS - 12)}ida.jensen@eksempel.dk ${'y '.repeat(5000)}`;
    assert.doesNotMatch(snippet([run], termOfWords('ida'), { prepare: hide }), /@/);
  });
});
