import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commentHtmlToText, decodeEntities, plainLine, postHtmlToMarkdown } from './html.js';

describe('WordPress HTML → Ytring text', () => {
  it('keeps the text of elements it drops: details, summary, form fields, noscript, media fallbacks', () => {
    const md = postHtmlToMarkdown(
      '<details class="wp-block-details"><summary>Summary</summary><p>Hidden text</p></details><textarea>Area</textarea><select><option>Opt</option></select><noscript>NS</noscript>',
    );
    assert.match(md, /^Summary\n\nHidden text\n\n/);
    for (const text of ['Area', 'Opt', 'NS']) assert.ok(md.includes(text), text);
    assert.equal(postHtmlToMarkdown('<figure><video controls src="https://x.org/v.mov"></video></figure>'), 'https://x.org/v.mov');
    assert.equal(
      postHtmlToMarkdown('<audio controls><source src="a.ogg">Your browser plays no sound</audio>'),
      'Your browser plays no sound',
    );
    assert.doesNotMatch(postHtmlToMarkdown('<script>alert(1)</script><style>p{}</style>ok'), /alert|p\{/);
  });

  it('drops control characters (C0 but tab and newline, DEL, C1) from bodies, comments and names', () => {
    const nasty = 'a\u0001b\u0008c\u000bd\u001be\u007ff\u0085g\u009fh\ti';
    assert.equal(postHtmlToMarkdown(nasty), 'abcdefgh i');
    assert.equal(commentHtmlToText(nasty), 'abcdefgh i'.replace(' ', '\t'));
    assert.equal(plainLine(nasty), 'abcdefgh i');
  });

  it('renders Gutenberg blocks sensibly: a quote with its source, a table, an embed as its address', () => {
    assert.equal(
      postHtmlToMarkdown(
        '<!-- wp:quote --><blockquote class="wp-block-quote"><!-- wp:paragraph --><p>Words</p><!-- /wp:paragraph --><cite>Someone</cite></blockquote><!-- /wp:quote -->',
      ),
      '> Words\n> \n> — Someone',
    );
    assert.equal(
      postHtmlToMarkdown(
        '<figure class="wp-block-table"><table><tbody><tr><td>A</td><td>B</td></tr><tr><td>C</td><td>D</td></tr></tbody></table></figure>',
      ),
      '| A | B |\n| --- | --- |\n| C | D |',
    );
    assert.equal(
      postHtmlToMarkdown(
        '<figure class="wp-block-embed is-provider-youtube"><div class="wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v=x\n</div></figure>',
      ),
      'https://www.youtube.com/watch?v=x',
    );
  });

  it('decodes entity text once', () => {
    assert.equal(decodeEntities('l&#8217;ami &laquo;ok&raquo; &#x4e2d; &amp;amp; &nosuch;'), 'l’ami «ok» 中 &amp; &nosuch;');
  });

  it('makes names plain text: tags dropped, leftover entities decoded', () => {
    assert.equal(plainLine('Blog &laquo; Tips&#8217;s <em>best</em>\n'), 'Blog « Tips’s best');
  });

  it('keeps a comment’s paragraphs and line breaks', () => {
    assert.equal(
      commentHtmlToText('First line\nsecond line\r\n\r\nNew paragraph<p>Third</p>'),
      'First line\nsecond line\n\nNew paragraph\n\nThird',
    );
  });

  it('keeps a link’s address beside its text', () => {
    assert.equal(
      commentHtmlToText('See <a href="https://example.org/a" rel="nofollow">this page</a>.'),
      'See this page (https://example.org/a).',
    );
    assert.equal(commentHtmlToText('<a href="https://example.org/b">https://example.org/b</a>'), 'https://example.org/b');
  });

  it('turns the WordPress 4.2 stored-XSS payload into harmless text', () => {
    const payload =
      'Hi [<a title="]" rel="nofollow"></a>[" <!-- style=\'position:fixed\' onmouseover="eval(atob(\'eA==\'))" &gt; --><a></a>] bye';
    const text = commentHtmlToText(payload);
    assert.doesNotMatch(text, /[<>]|onmouseover|eval/);
    assert.match(text, /^Hi \[.*\] bye$/);
  });

  it('keeps code in a comment as the text it shows', () => {
    assert.equal(commentHtmlToText('<code>&lt;?php echo 1; ?&gt;</code>'), '<?php echo 1; ?>');
  });

  it('makes post paragraphs explicit and drops block-editor comments and <!--more-->', () => {
    const markdown = postHtmlToMarkdown(
      '<!-- wp:paragraph -->\n<p>Hello <strong>world</strong></p>\n<!-- /wp:paragraph -->\n\nLine one\nline two\n<!--more-->\nAfter',
    );
    assert.equal(markdown, 'Hello **world**\n\nLine one  \nline two\n\nAfter');
  });

  it('strips scripts and event handlers, keeps an iframe’s address, and leaves shortcodes as text', () => {
    const markdown = postHtmlToMarkdown(
      '<p onclick="x()">Text<script>alert(1)</script></p>\n<iframe src="https://www.youtube.com/embed/xyz"></iframe>\n\n[gallery ids="1,2"]',
    );
    assert.doesNotMatch(markdown, /alert|onclick|<iframe/);
    assert.match(markdown, /https:\/\/www\.youtube\.com\/embed\/xyz/);
    assert.match(markdown, /\\\[gallery ids="1,2"\\\]/);
  });

  it('keeps images as Markdown images with absolute addresses', () => {
    assert.equal(
      postHtmlToMarkdown('<img src="/wp-content/a.jpg" alt="Et billede" onerror="x()">', { baseUrl: 'http://old.example.org' }),
      '![Et billede](http://old.example.org/wp-content/a.jpg)',
    );
  });

  it('drops a link with nothing in it, which no one could see or name', () => {
    assert.equal(
      postHtmlToMarkdown('<p>Tekst.<a href="http://old.example.org/a.jpg"> </a></p><p><a href="/b.jpg"><img src="/b.jpg" alt=""></a></p>', {
        baseUrl: 'http://old.example.org',
      }),
      'Tekst.\n\n[![](http://old.example.org/b.jpg)](http://old.example.org/b.jpg)',
    );
  });

  it('keeps headings, lists, code and tables', () => {
    const markdown = postHtmlToMarkdown(
      '<h2>Emne</h2>\n<ul>\n<li>en</li>\n<li>to</li>\n</ul>\n<pre>a &lt; b\n\n  c</pre>\n<table><tr><th>x</th><th>y</th></tr><tr><td>1</td><td>2</td></tr></table>',
    );
    assert.match(markdown, /^## Emne$/m);
    assert.match(markdown, /^- +en$/m);
    assert.match(markdown, /```\na < b\n\n {2}c\n```/);
    assert.match(markdown, /\| x \| y \|\n\| --- \| --- \|\n\| 1 \| 2 \|/);
  });

  it('gives the same text for plain comments and names without the HTML parser as with it', () => {
    // A trailing reference sends the text through the parser; without it the short path is taken.
    const samples = [
      'Plain text, with > and " and \'',
      'Godt <em>skrevet</em> og <strong>klart</strong>',
      'Stray < sign and <3',
      '<b>bold</b> <i>it</i> <u>u</u> <code>x</code> <del>d</del> <q>q</q>',
      '<em class="x">with attributes</em> and <script>alert(1)</script>',
      'a\u0001b <span>c</span>',
      '<EM>upper</EM> <Strong>case</Strong>',
    ];
    for (const sample of samples) {
      assert.equal(plainLine(sample), plainLine(`${sample} &amp;`).replace(/ &$/, ''), sample);
      assert.equal(commentHtmlToText(sample), commentHtmlToText(`${sample} &amp;`).replace(/ &$/, ''), sample);
    }
  });

  it('gives a table a header row with content, keeps every column, and leaves an empty header cell empty', () => {
    // The theme unit test's salary table: the last header cell is empty in WordPress too. It stays
    // empty (no made-up name); the renderer makes it a plain cell.
    assert.equal(
      postHtmlToMarkdown('<table><tr><th>Employee</th><th>Salary</th><th></th></tr><tr><td>Jane</td><td>$1</td><td>Why</td></tr></table>'),
      '| Employee | Salary |  |\n| --- | --- | --- |\n| Jane | $1 | Why |',
    );
    // A spacer row of one empty cell above two-column rows (a Chinese fixture's status-code table).
    assert.equal(
      postHtmlToMarkdown(
        '<table><tbody><tr><td></td></tr><tr><td>203</td><td>Non-Authoritative</td></tr><tr><td>204</td></tr></tbody></table>',
      ),
      '| 203 | Non-Authoritative |\n| --- | --- |\n| 204 |  |',
    );
  });
});
