import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../errors.js';
import { postMessages } from '../admin/posts/posts.messages.js';
import { effectiveStatus, isSafeUrl, slugFollowsTitle, UNTITLED_TITLES, validatePostInput, type PostInput } from './post.js';

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

describe('slugFollowsTitle', () => {
  const untitled = { status: 'draft' as const, publishedAt: null, title: 'Uden titel', slug: 'uden-titel' };

  it('follows for a never-published draft whose address came from its title', () => {
    assert.equal(slugFollowsTitle(untitled, ''), true);
    assert.equal(slugFollowsTitle(untitled, 'uden-titel'), true);
    assert.equal(slugFollowsTitle({ ...untitled, slug: 'uden-titel-2' }, 'uden-titel-2'), true);
  });

  it('keeps an address set by hand, now or before', () => {
    assert.equal(slugFollowsTitle(untitled, 'min-egen-adresse'), false);
    assert.equal(slugFollowsTitle({ ...untitled, slug: 'min-egen-adresse' }, ''), false);
    assert.equal(slugFollowsTitle({ ...untitled, slug: 'uden-titel-2026' }, ''), true);
    assert.equal(slugFollowsTitle({ ...untitled, slug: 'uden-titel-nu' }, ''), false);
  });

  it('follows for a draft autosaved untitled and given a title since, without touching the address', () => {
    const retitled = { ...untitled, title: 'Skrevet videre' };
    assert.equal(slugFollowsTitle(retitled, 'uden-titel'), false);
    assert.equal(slugFollowsTitle(retitled, 'uden-titel', UNTITLED_TITLES), true);
    assert.equal(slugFollowsTitle({ ...retitled, slug: 'untitled-3' }, '', UNTITLED_TITLES), true);
  });

  it("knows the editor's placeholder title in every language", () => {
    assert.ok(UNTITLED_TITLES.includes(postMessages.da['editor.untitled']));
    assert.ok(UNTITLED_TITLES.includes(postMessages.en['editor.untitled']));
  });

  it('keeps the address of a post that is or has been published, or is scheduled', () => {
    assert.equal(slugFollowsTitle({ ...untitled, status: 'published', publishedAt: '2026-01-01T00:00:00.000Z' }, ''), false);
    assert.equal(slugFollowsTitle({ ...untitled, publishedAt: '2026-01-01T00:00:00.000Z' }, ''), false);
    assert.equal(slugFollowsTitle({ ...untitled, status: 'scheduled', publishedAt: '2027-01-01T00:00:00.000Z' }, ''), false);
  });
});
