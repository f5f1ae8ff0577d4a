import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countLinks, renderCommentText } from './comment-text.js';

const render = (text: string) => renderCommentText(text, 'snabel-a');

describe('renderCommentText', () => {
  it('keeps paragraphs and line breaks', () => {
    assert.equal(render('Første linje\nanden linje\n\nNyt afsnit'), '<p>Første linje<br>anden linje</p><p>Nyt afsnit</p>');
  });

  it('escapes markup', () => {
    assert.equal(render('<script>alert("x")</script> & <b>'), '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;</p>');
  });

  it('links web addresses with nofollow ugc', () => {
    assert.equal(
      render('Se https://example.org/a?b=1&c=2 her'),
      '<p>Se <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">https://example.org/a?b=1&amp;c=2</a> her</p>',
    );
  });

  it('does not link javascript: addresses', () => {
    assert.doesNotMatch(render('javascript:alert(1)'), /<a /);
  });

  it('cannot be broken out of an attribute by a crafted address', () => {
    const html = render('https://example.org/"onmouseover="alert(1)');
    assert.doesNotMatch(html, /"onmouseover=/);
  });

  it('shows e-mail addresses only in readable form', () => {
    assert.equal(render('Skriv til ida@example.dk'), '<p>Skriv til ida (snabel-a) example.dk</p>');
  });

  it('counts links', () => {
    assert.equal(countLinks('a https://x.example b www.y.dk c ord.dk'), 2);
  });
});
