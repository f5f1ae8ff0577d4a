import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sectionText } from '../admin-i18n.js';
import { commentsMessages } from './comments.messages.js';
import { describeReason } from './reasons.js';

describe('describeReason', () => {
  const da = sectionText(commentsMessages, 'da');
  const en = sectionText(commentsMessages, 'en');

  it('names the policy and the blocklist rule that held a comment', () => {
    assert.equal(
      describeReason(da, { layer: 'policy', rule: 'first-time-commenter', score: 0 }),
      'Første kommentar fra denne e-mailadresse',
    );
    assert.equal(
      describeReason(en, { layer: 'blocklist', rule: 'domain:spam.example', score: 8 }),
      'The domain spam.example is on the blocklist',
    );
    assert.equal(describeReason(en, { layer: 'blocklist', rule: 'word:casino', score: 5 }), 'Contains the blocked word “casino”');
    assert.equal(describeReason(en, { layer: 'links', rule: 'more-than-2', score: 3 }), 'More than 2 links');
  });

  it('falls back to the raw layer and rule for a reason it does not know', () => {
    assert.equal(describeReason(en, { layer: 'future', rule: 'x<y', score: 1 }), 'Other (future: x<y)');
  });
});
