import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decide, scoreComment, type Blocklist } from './spam-rules.js';

const settings = { maxLinks: 2, holdScore: 3, spamScore: 8, commentPolicy: 'open' as const };
const empty: Blocklist = { words: [], emails: [], domains: [], ipHashes: [] };
const input = { name: 'Ida', email: 'ida@example.dk', body: 'En saglig kommentar om emnet.', linkCount: 0, ipHash: 'h1' };

describe('spam rules', () => {
  it('publishes an ordinary comment under the open policy', () => {
    assert.equal(decide(scoreComment(input, empty, settings), settings, false).status, 'approved');
  });

  it('holds a comment with too many links', () => {
    const body = 'Jeg har samlet tre kilder om emnet, som jeg synes alle bør læse grundigt: https://a.dk https://b.dk https://c.dk';
    const result = decide(scoreComment({ ...input, body, linkCount: 3 }, empty, settings), settings, false);
    assert.equal(result.status, 'pending');
    assert.deepEqual(
      result.reasons.map((r) => r.layer),
      ['links'],
    );
  });

  it('marks a blocked address, domain or IP hash as spam', () => {
    assert.equal(decide(scoreComment(input, { ...empty, emails: ['ida@example.dk'] }, settings), settings, true).status, 'spam');
    assert.equal(
      decide(scoreComment({ ...input, email: 'x@mail.spam.example' }, { ...empty, domains: ['spam.example'] }, settings), settings, true)
        .status,
      'spam',
    );
    assert.equal(decide(scoreComment(input, { ...empty, ipHashes: ['h1'] }, settings), settings, true).status, 'spam');
  });

  it('holds a comment with a blocked word and says which', () => {
    const result = decide(
      scoreComment({ ...input, body: 'Køb billig VIAGRA nu' }, { ...empty, words: ['viagra'] }, settings),
      settings,
      true,
    );
    assert.equal(result.status, 'pending');
    assert.equal(result.reasons[0]?.rule, 'word:viagra');
  });

  it('holds first-time commenters under that policy, and trusts known ones', () => {
    const policy = { ...settings, commentPolicy: 'first-time' as const };
    assert.equal(decide([], policy, false).status, 'pending');
    assert.equal(decide([], policy, true).status, 'approved');
  });

  it('holds everything under the hold-all policy', () => {
    assert.equal(decide([], { ...settings, commentPolicy: 'all' }, true).status, 'pending');
  });
});
