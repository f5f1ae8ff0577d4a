import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { markdownToText, renderMarkdown } from './markdown.js';
import { decodeEmail } from '../shared/email-obfuscation.js';

const options = { atWord: 'snabel-a' };
const HARVESTABLE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}/;

describe('renderMarkdown', () => {
  it('keeps "##" subheadings as h2 under the post title', () => {
    assert.match(renderMarkdown('## Sub\n\n### Under', options), /<h2>Sub<\/h2>\n<h3>Under<\/h3>/);
  });

  it('starts the outline at h2 and never skips a level, keeping the nesting', () => {
    const levels = (md: string) => [...String(renderMarkdown(md, options)).matchAll(/<h(\d)>/g)].map((m) => Number(m[1]));
    assert.deepEqual(levels('### A\n\n##### B\n\n###### C\n\n#### D\n\n### E'), [2, 3, 4, 3, 2]);
    assert.deepEqual(levels('# T\n\n### U\n\n## V'), [2, 3, 3]);
    assert.match(renderMarkdown('#### Only', options), /<h2>Only<\/h2>/);
  });

  it('puts no link inside a link when a linked image is from another host', () => {
    const html = String(
      renderMarkdown('[![A cat](https://x.org/small.jpg)](https://x.org/big.jpg) and ![Dog](https://x.org/d.jpg)', options),
    );
    assert.equal(html.match(/<a\b/g)?.length, 2);
    assert.match(html, /<a href="https:\/\/x.org\/big.jpg" rel="noopener">A cat<\/a>/);
    assert.match(html, /<a href="https:\/\/x.org\/d.jpg" rel="nofollow noopener">Dog<\/a>/);
  });

  it('gives an upload of ours its size and copies, and leaves other local images plain', () => {
    const id = '01a2460c-8aed-72cb-ba51-ca370da6e27a';
    const images = {
      [id]: { width: 1600, height: 900, srcset: `/uploads/${id}-640.jpg 640w, /uploads/${id}.jpg 1600w`, webpSrcset: '', avifSrcset: '' },
    };
    const html = String(renderMarkdown(`![Havn](/uploads/${id}-1280.jpg) ![Logo](/favicon.svg)`, { ...options, images }));
    assert.match(
      html,
      /<picture><img src="\/uploads\/[^"]+-1280.jpg" alt="Havn" srcset="[^"]+640w[^"]+" sizes="[^"]+" width="1600" height="900"/,
    );
    assert.match(html, /<img src="\/favicon.svg" alt="Logo" loading="lazy">/);
  });

  it('offers AVIF before WebP once an upload has AVIF copies', () => {
    const id = '01a2460c-8aed-72cb-ba51-ca370da6e27a';
    const images = {
      [id]: {
        width: 800,
        height: 600,
        srcset: `/uploads/${id}.jpg 800w`,
        webpSrcset: `/uploads/${id}-800.webp 800w`,
        avifSrcset: `/uploads/${id}-800.avif 800w`,
      },
    };
    const html = String(renderMarkdown(`![Havn](/uploads/${id}.jpg)`, { ...options, images }));
    assert.match(
      html,
      /<picture><source type="image\/avif" srcset="[^"]+-800.avif 800w" sizes="[^"]+"><source type="image\/webp"[^>]*><img /,
    );
  });

  it('makes an empty header cell a plain cell: an empty th names nothing, a made-up name is read out', () => {
    const html = String(renderMarkdown('|  | Salary |\n| --- | ---: |\n| Jane | $1 |', options));
    assert.match(html, /<thead>\n<tr>\n<td><\/td>\n<th style="text-align:right">Salary<\/th>/);
    assert.doesNotMatch(html, /<th[^>]*><\/th>/);
  });

  it('lets a keyboard reach a code block to scroll it', () => {
    assert.match(
      renderMarkdown('```\nwide\n```\n\n    indented', options),
      /<pre tabindex="0"><code>wide[\s\S]*<pre tabindex="0"><code>indented/,
    );
  });

  it('shifts a body that uses "#" headings down one level', () => {
    const html = renderMarkdown('# Top\n\n## Sub', options);
    assert.match(html, /<h2>Top<\/h2>/);
    assert.match(html, /<h3>Sub<\/h3>/);
  });

  it('escapes raw HTML instead of passing it through', () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)>', options);
    assert.doesNotMatch(html, /<script|<img/);
    assert.match(html, /&lt;script&gt;/);
  });

  it('refuses javascript: links', () => {
    const html = renderMarkdown('[x](javascript:alert(1))', options);
    assert.doesNotMatch(html, /href="javascript:/i);
  });

  it('turns a mailto link into an encoded span with a readable label', () => {
    const html = renderMarkdown('[skriv til os](mailto:redaktion@fagforbund.example)', options);
    assert.doesNotMatch(html, HARVESTABLE);
    assert.doesNotMatch(html, /mailto:/);
    const encoded = /data-e="([^"]+)"/.exec(html)?.[1];
    assert.equal(decodeEmail(encoded!), 'redaktion@fagforbund.example');
    assert.match(html, /skriv til os/);
  });

  it('hides addresses in image alt text, link titles and the user part of a web link', () => {
    const html = renderMarkdown(
      '![Kort ida@x.example](/uploads/k.png) ![Ude bo@x.example](https://x.example/b.png) [a](/x "Titel kim@x.example") [b](https://lis@x.example/side)',
      options,
    );
    assert.doesNotMatch(html, /@/);
    assert.match(html, /alt="Kort ida \(snabel-a\) x\.example"/);
    assert.match(html, />Ude bo \(snabel-a\) x\.example</);
    assert.match(html, /title="Titel kim \(snabel-a\) x\.example"/);
    assert.match(html, /href="https:\/\/x\.example\/side"/);
  });

  it('turns a bare address in text into a readable, encoded form', () => {
    const html = renderMarkdown('Skriv til ida@fagforbund.example i dag.', options);
    assert.doesNotMatch(html, HARVESTABLE);
    assert.match(html, /ida \(snabel-a\) fagforbund\.example/);
  });

  it('scrubs addresses inside code', () => {
    const html = renderMarkdown('`ida@x.example`\n\n```\nbo@y.example\n```', options);
    assert.doesNotMatch(html, HARVESTABLE);
  });

  it('links remote images instead of loading them', () => {
    const html = renderMarkdown('![graf](https://tracker.example/pixel.png)', options);
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /<a href="https:\/\/tracker\.example\/pixel\.png"/);
  });

  it('names a remote image link by its trimmed alt text, or by its host when the alt says nothing', () => {
    const html = String(
      renderMarkdown('![  Graf  ](https://x.org/g.png) ![   ](https://tracker.example/p.png) ![](//cdn.example/a.png)', options),
    );
    assert.match(html, /<a href="https:\/\/x\.org\/g\.png" rel="nofollow noopener">Graf<\/a>/);
    assert.match(html, /<a href="https:\/\/tracker\.example\/p\.png" rel="nofollow noopener">billede fra tracker\.example<\/a>/);
    assert.match(html, /<a href="\/\/cdn\.example\/a\.png" rel="nofollow noopener">billede fra cdn\.example<\/a>/);
    assert.match(
      String(renderMarkdown('[![ ](https://x.org/s.jpg)](https://x.org/b.jpg)', { ...options, imageFrom: 'image from' })),
      /<a href="https:\/\/x\.org\/b\.jpg" rel="noopener">image from x\.org<\/a>/,
    );
  });

  it('keeps images from our own host', () => {
    const html = renderMarkdown('![graf](/uploads/graf.png)', options);
    assert.match(html, /<img src="\/uploads\/graf\.png" alt="graf" loading="lazy">/);
  });
});

describe('markdownToText', () => {
  it('drops markup and keeps words', () => {
    assert.equal(markdownToText('## Titel\n\nEn *vigtig* [pointe](https://example.org).'), 'Titel En vigtig pointe.');
  });
});

describe('Markdown with malformed percent-encodings', () => {
  it('renders a mailto link whose address is not valid UTF-8, keeping the text as written', () => {
    const html = renderMarkdown('[x](mailto:%E0%A4) og [y](mailto:ida%40x.example%ZZ)', options);
    assert.match(html, /class="email"/);
    assert.doesNotMatch(html, /mailto:/);
    assert.match(markdownToText('Skriv [x](mailto:%E0%A4) nu'), /^Skriv /);
  });

  it('still decodes the valid parts of an address that has a broken one', () => {
    const html = renderMarkdown('[skriv](mailto:ida%40fagforbund.example%E0)', options);
    const encoded = /data-e="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.equal(decodeEmail(encoded), 'ida@fagforbund.example%E0');
  });

  it('never throws on random %XX sequences in links, autolinks and text (property)', () => {
    const hex = fc.constantFrom(...'0123456789ABCDEFabcdefGZ%');
    const escape = fc.tuple(hex, hex).map(([a, b]) => `%${a}${b}`);
    const piece = fc.oneof(escape, fc.constantFrom('a', '@', '.', '?', '%', 'x.example'));
    const address = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));
    const document = fc
      .tuple(address, fc.constantFrom('[x](mailto:$)', '<mailto:$>', 'mailto:$', '[x]($)', '<https://x.example/$>', '![b](/$)'))
      .map(([text, template]) => template.replace('$', text));
    fc.assert(
      fc.property(document, (source) => {
        renderMarkdown(source, options);
        markdownToText(source);
      }),
      { numRuns: 3000 },
    );
  });
});
