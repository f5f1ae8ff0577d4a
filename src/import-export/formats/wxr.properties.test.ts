/**
 * Property tests of the WXR parser: for any text, a broken or mutated export, in any chunking,
 * it answers with records or its own WxrParseError, quickly; and whatever post and comment text
 * it hands on comes out of the import's HTML cleaning and rendering without live markup.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { renderCommentText } from '../../comments/comment-text.js';
import { renderMarkdown } from '../../posts/markdown.js';
import { wxrDocument, wxrItem } from '../../../test/support/wxr.js';
import { commentHtmlToText, postHtmlToMarkdown } from '../html.js';
import { createWxrParser, WxrParseError, type WxrItem, type WxrRecord } from './wxr.js';

/** A tag that would run script or load something, or a live javascript: link. */
// Handlers and URLs count only inside a tag: "onerror=" in a paragraph's text is just text.
const LIVE_MARKUP =
  /<(script|iframe|object|embed|svg|style|math|base|form|meta|link)\b|<[a-z][^>]*\son[a-z]+\s*=|<[a-z][^>]*\s(href|src|action|formaction)\s*=\s*["']?\s*(javascript|vbscript|data):/i;

// Pieces of XML and HTML that attackers and broken exporters produce, to build documents from.
const FRAGMENTS = [
  '<',
  '>',
  '</',
  '/>',
  '&',
  '&amp;',
  '&lt;',
  '&#0;',
  '&#x110000;',
  '&bogus;',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  '<?xml version="1.0"?>',
  '<!DOCTYPE rss [<!ENTITY x "xx">]>',
  '&x;',
  '<item>',
  '</item>',
  '<channel>',
  '</channel>',
  '</rss>',
  '<wp:comment>',
  '</wp:comment>',
  '<content:encoded>',
  '</content:encoded>',
  '<undeclared:tag>',
  'xmlns:wp="http://wordpress.org/export/1.2/"',
  '"',
  "'",
  '=',
  '\u0000',
  '\uFFFE',
  '\uD800',
  'æøå',
  '\r\n',
  '\n',
  ' ',
  'wp:post_id',
  '<title>',
  '</title>',
];

// HTML a hostile export may carry as post or comment content.
const HOSTILE_HTML = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="x" ONERROR="alert(1)">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="java\tscript:alert(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<svg onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe src="https://video.example/embed/1"></iframe>',
  '<object data="x.swf"></object>',
  '<style>body{}</style>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<p onclick="alert(1)">tekst</p>',
  '<body onload=alert(1)>',
  '<<script>script>alert(1)<</script>/script>',
  '<scr<script>ipt>alert(1)</script>',
  '<!--<script>-->',
  '[caption]x[/caption]',
  '<!-- wp:paragraph -->',
  '<!--more-->',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  'javascript:alert(1)',
  '<p>Blåbær</p>',
  '<br>',
  '\n\n',
  ' ',
  'tekst',
  '[x](javascript:alert(1))',
  '![x](javascript:alert(1))',
  '<a href="/relative">ok</a>',
  '<img src="/wp-content/a.png" alt="a">',
];

const hostileHtml = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE_HTML), fc.string({ maxLength: 8 })), { maxLength: 12 })
  .map((parts) => parts.join(''));

/** A small valid export with two posts and a reply thread. */
const VALID = wxrDocument(
  '',
  [
    wxrItem({ id: 1, title: 'Første', content: '<p>Hej <strong>verden</strong></p>', comments: [{ id: 1 }, { id: 2, parent: 1 }] }),
    wxrItem({ id: 2, title: 'Anden', content: 'Linje\n\nLinje to' }),
  ].join(''),
);

interface Outcome {
  records: WxrRecord[];
  error?: WxrParseError;
  ms: number;
}

/** Parses `text` in the given chunks; any throw other than WxrParseError escapes and fails the property. */
function parse(text: string, cuts: number[] = []): Outcome {
  const records: WxrRecord[] = [];
  const started = performance.now();
  const parser = createWxrParser((record) => records.push(record));
  const points = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b);
  try {
    let from = 0;
    for (const to of [...points, text.length]) {
      parser.write(text.slice(from, to));
      from = to;
    }
    parser.close();
  } catch (error) {
    if (!(error instanceof WxrParseError)) throw error;
    return { records, error, ms: performance.now() - started };
  }
  return { records, ms: performance.now() - started };
}

function assertClearFailure(outcome: Outcome): void {
  assert.ok(outcome.ms < 2000, `parsing took ${Math.round(outcome.ms)} ms`);
  if (!outcome.error) return;
  assert.ok(outcome.error.reason.trim().length > 0, 'the error says what is wrong');
  assert.ok(Number.isInteger(outcome.error.line) && outcome.error.line >= 0, `line ${outcome.error.line}`);
  assert.ok(Number.isInteger(outcome.error.column) && outcome.error.column >= 0, `column ${outcome.error.column}`);
}

const items = (records: WxrRecord[]): WxrItem[] => records.flatMap((r) => (r.kind === 'item' ? [r.item] : []));

/** What the import makes of an item's texts, rendered as a page would show them. */
function assertNoLiveMarkup(item: WxrItem): void {
  const body = String(renderMarkdown(postHtmlToMarkdown(item.content, { baseUrl: 'https://old.example.org' }), { atWord: 'at' }));
  assert.doesNotMatch(body, LIVE_MARKUP, `post body: ${body}`);
  const excerpt = String(renderCommentText(commentHtmlToText(item.excerpt), 'at'));
  assert.doesNotMatch(excerpt, LIVE_MARKUP);
  for (const comment of item.comments) {
    const html = String(renderCommentText(commentHtmlToText(comment.content), 'at'));
    assert.doesNotMatch(html, LIVE_MARKUP, `comment: ${html}`);
  }
}

const cuts = fc.array(fc.nat({ max: VALID.length }), { maxLength: 6 });

describe('WXR parser properties', () => {
  it('reads the valid document it starts from', () => {
    const outcome = parse(VALID);
    assert.equal(outcome.error, undefined);
    assert.deepEqual(
      items(outcome.records).map((i) => i.title),
      ['Første', 'Anden'],
    );
  });

  it('answers any text with records or its own parse error', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, fc.array(fc.nat({ max: 300 }), { maxLength: 4 }), (input, at) => assertClearFailure(parse(input, at))),
      { numRuns: 1000 },
    );
  });

  it('answers any truncation of a valid export with records or its own parse error', () => {
    fc.assert(
      fc.property(fc.nat({ max: VALID.length }), cuts, (end, at) => {
        const outcome = parse(VALID.slice(0, end), at);
        assertClearFailure(outcome);
        if (end < VALID.trimEnd().length) assert.ok(outcome.error, `a file cut at ${end} of ${VALID.length} is reported as cut`);
      }),
      { numRuns: 300 },
    );
  });

  it('answers insertions, deletions and replacements in a valid export with records or its own parse error', () => {
    const mutation = fc.tuple(
      fc.nat({ max: VALID.length }),
      fc.nat({ max: 40 }),
      fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 20 }), fc.constant('')),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), cuts, (mutations, at) => {
        let text = VALID;
        for (const [start, length, insert] of mutations) text = text.slice(0, start) + insert + text.slice(start + length);
        const outcome = parse(text, at);
        assertClearFailure(outcome);
        for (const item of items(outcome.records)) assertNoLiveMarkup(item);
      }),
      { numRuns: 500 },
    );
  });

  it('hands on post, excerpt and comment content that the import cleans of all live markup', () => {
    fc.assert(
      fc.property(hostileHtml, hostileHtml, cuts, (content, comment, at) => {
        // CDATA cannot hold its own end marker; an exporter splits it, as WordPress does.
        const cdata = (html: string) => html.replaceAll(']]>', ']]]]><![CDATA[>');
        const doc = wxrDocument('', wxrItem({ id: 7, content: cdata(content), comments: [{ id: 9, content: cdata(comment) }] }));
        const outcome = parse(doc, at);
        assert.equal(outcome.error, undefined, outcome.error?.message);
        const [item] = items(outcome.records);
        assert.equal(item!.content, content, 'the parser hands the content on as written');
        assertNoLiveMarkup(item!);
      }),
      { numRuns: 300 },
    );
  });
});
