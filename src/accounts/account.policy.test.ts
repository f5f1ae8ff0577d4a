import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canManageBlocklist, canManagePeople, canModerateComment, reachesEveryBlog, type Actor, type Role } from './account.js';

const actor = (role: Role, blogScope: string[] | null = null): Actor => ({ accountId: 'a', personId: 'p', name: 'N', role, blogScope });

describe('policies for site-wide things', () => {
  it('gives site-wide reach to administrators and to editors and moderators no blog scope limits', () => {
    const table = [
      [actor('admin'), true],
      [actor('editor'), true],
      [actor('moderator'), true],
      [actor('author'), false],
      [actor('editor', ['b1']), false],
      [actor('moderator', ['b1']), false],
    ] as const;
    for (const [who, expected] of table) assert.equal(reachesEveryBlog(who), expected, `${who.role} ${JSON.stringify(who.blogScope)}`);
  });

  it('keeps the blocklist from roles limited to some blogs', () => {
    assert.equal(canManageBlocklist(actor('moderator', ['b1'])), false);
    assert.equal(canManageBlocklist(actor('editor', ['b1'])), false);
    assert.equal(canManageBlocklist(actor('author')), false);
    assert.equal(canManageBlocklist(actor('moderator')), true);
  });

  it('keeps people from editors limited to some blogs and from moderators', () => {
    assert.equal(canManagePeople(actor('editor', ['b1'])), false);
    assert.equal(canManagePeople(actor('moderator')), false);
    assert.equal(canManagePeople(actor('editor')), true);
  });

  it('lets a blog-scoped moderator moderate only in their blogs', () => {
    const scoped = actor('moderator', ['b1']);
    assert.equal(canModerateComment(scoped, { blogId: 'b1', postAuthorPersonIds: [] }), true);
    assert.equal(canModerateComment(scoped, { blogId: 'b2', postAuthorPersonIds: [] }), false);
  });
});
