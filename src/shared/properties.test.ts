/** Property tests: for any input, slugs stay slugs and rendered text never carries live markup. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { renderCommentText } from '../comments/comment-text.js';
import { renderMarkdown } from '../posts/markdown.js';
import { isSlug, slugify } from './slug.js';

// Text with the characters that break HTML, Markdown and URLs, plus Danish letters and odd Unicode.
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom('<', '>', '"', "'", '&', '`', '=', '/', '\\', ':', '(', ')', '[', ']', '!', '#', '*', '\n', ' ', '@', '.'),
    fc.constantFrom('script', 'javascript', 'onerror', 'img', 'svg', 'iframe', 'style', 'http', 'mailto', 'data'),
    fc.constantFrom('æ', 'ø', 'å', 'Æ', 'Ø', 'Å', '\u202e', '\u200b', '\u0000', '😀', 'é'),
    fc.string({ minLength: 1, maxLength: 1 }),
  ),
  maxLength: 200,
});

/** A tag that would run script or load something: what escaping must never let through. */
// Handlers and URLs count only inside a tag: "onerror=" in a paragraph's text is just text.
const LIVE_MARKUP =
  /<(script|iframe|object|embed|svg|style|img(?![^>]*src="\/))|<[a-z][^>]*\son[a-z]+\s*=|<[a-z][^>]*href="\s*(javascript|data|vbscript):/i;

describe('properties', () => {
  it('slugify gives a valid slug or nothing, and is stable', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const slug = slugify(text);
        assert.ok(slug === '' || isSlug(slug), slug);
        assert.equal(slugify(slug), slug);
      }),
      { numRuns: 2000 },
    );
  });

  it('the comment renderer never emits live markup and keeps every letter', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const html = renderCommentText(text, 'at');
        assert.doesNotMatch(html, LIVE_MARKUP);
        assert.doesNotMatch(html.replace(/<a href="[^"]*" rel="nofollow ugc noopener">|<\/a>|<\/?p>|<br>/g, ''), /[<>]/);
      }),
      { numRuns: 2000 },
    );
  });

  it('Markdown rendering never emits live markup', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        assert.doesNotMatch(renderMarkdown(text, { atWord: 'at' }), LIVE_MARKUP);
      }),
      { numRuns: 2000 },
    );
  });
});
