import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POST_PROBLEM_KEYS, POST_PROBLEMS, postProblemOf } from './post-problems.js';
import { postMessages } from './posts.messages.js';

describe('post editor problem codes', () => {
  it('has Danish and English words for every code, each its own', () => {
    for (const code of POST_PROBLEMS) {
      const key = POST_PROBLEM_KEYS[code];
      assert.ok(postMessages.da[key].trim(), `da ${code}`);
      assert.ok(postMessages.en[key].trim(), `en ${code}`);
    }
    assert.equal(new Set(Object.values(POST_PROBLEM_KEYS)).size, POST_PROBLEMS.length);
    assert.deepEqual(Object.keys(POST_PROBLEM_KEYS).sort(), [...POST_PROBLEMS].sort());
  });

  it('names a code it has no words for invalid, as the page did before', () => {
    assert.equal(postProblemOf('not_a_slug'), 'not_a_slug');
    assert.equal(postProblemOf('summary'), 'invalid');
    assert.equal(postProblemOf('toString'), 'invalid');
    assert.equal(postProblemOf(''), 'invalid');
  });
});
