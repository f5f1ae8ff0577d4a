import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../errors.js';
import { effectiveStatus, isSafeUrl, validatePostInput, type PostInput } from './post.js';

const now = new Date('2026-11-29T12:00:00Z');
const valid: PostInput = { blogId: 'b', title: 'Titel', status: 'published', authors: [{ personId: 'p' }] };

describe('effectiveStatus', () => {
  it('publishes now when no time is given', () => {
    assert.deepEqual(effectiveStatus('published', null, now), { status: 'published', publishedAt: now });
  });

  it('schedules a post published in the future', () => {
    const later = new Date('2026-12-01T08:00:00Z');
    assert.equal(effectiveStatus('published', later, now).status, 'scheduled');
  });

  it('publishes a scheduled post whose time has passed', () => {
    assert.equal(effectiveStatus('scheduled', new Date('2026-11-01T00:00:00Z'), now).status, 'published');
  });

  it('leaves drafts as drafts', () => {
    assert.deepEqual(effectiveStatus('draft', null, now), { status: 'draft', publishedAt: null });
  });
});

describe('validatePostInput', () => {
  const problems = (input: Partial<PostInput>, slug = 'titel') => {
    try {
      validatePostInput({ ...valid, ...input }, slug);
      return {};
    } catch (error) {
      assert.ok(error instanceof AppError);
      return error.details.fields ?? {};
    }
  };

  it('accepts a minimal post', () => assert.deepEqual(problems({}), {}));
  it('requires a title and an author', () =>
    assert.deepEqual(Object.keys(problems({ title: ' ', authors: [] })).sort(), ['authors', 'title']));
  it('refuses the same author twice', () =>
    assert.equal(problems({ authors: [{ personId: 'p' }, { personId: 'p' }] }).authors, 'duplicate'));
  it('refuses a slug with other characters', () => assert.equal(problems({}, 'Ærlig talt').slug, 'not_a_slug'));
  it('refuses a javascript: related link', () => {
    assert.equal(problems({ relatedLinks: [{ title: 'x', url: 'javascript:alert(1)' }] })['relatedLinks.0.url'], 'not_a_url');
  });
  it('needs a name or a person for each contact', () => {
    assert.equal(
      problems({ infoBoxes: [{ heading: 'Kontakt', contacts: [{ role: 'chef' }] }] })['infoBoxes.0.contacts.0.name'],
      'required',
    );
  });
});

describe('isSafeUrl', () => {
  it('allows http(s) and site paths only', () => {
    assert.ok(isSafeUrl('https://example.org/x'));
    assert.ok(isSafeUrl('/forvaltning/indlaeg'));
    assert.ok(!isSafeUrl('//evil.example/x'));
    assert.ok(!isSafeUrl('data:text/html,x'));
  });
});
