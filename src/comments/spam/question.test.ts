import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { checkAnswer, makeQuestion, QUESTION_LIFETIME_MS, readAnswer } from './question.js';

const secret = 'x'.repeat(32);
const now = new Date('2026-11-29T12:00:00Z');
const fixed = (values: number[]) => () => values.shift()!;
const POST_A = '01900000-0000-7000-8000-00000000000a';
const POST_B = '01900000-0000-7000-8000-00000000000b';
const onA = { postId: POST_A };

const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('the arithmetic question', () => {
  it('accepts the right answer', () => {
    const q = makeQuestion(secret, now, onA, fixed([0, 3, 4]));
    assert.equal(q.op, 'plus');
    assert.equal(checkAnswer(secret, q.token, '7', now, POST_A).ok, true);
  });

  it('never asks for a negative result', () => {
    const q = makeQuestion(secret, now, onA, fixed([1, 2, 9]));
    assert.deepEqual([q.a, q.b, q.op], [9, 2, 'minus']);
    assert.equal(checkAnswer(secret, q.token, '7', now, POST_A).ok, true);
  });

  it('refuses a wrong answer', () => {
    const q = makeQuestion(secret, now, onA, fixed([0, 3, 4]));
    const check = checkAnswer(secret, q.token, '8', now, POST_A);
    assert.equal(check.ok, false);
    assert.equal(!check.ok && check.reason, 'wrong');
    assert.equal(checkAnswer(secret, q.token, 'ikke et tal', now, POST_A).ok, false);
  });

  it('refuses an expired token', () => {
    const q = makeQuestion(secret, now, onA, fixed([0, 3, 4]));
    const later = new Date(now.getTime() + QUESTION_LIFETIME_MS + 1);
    assert.deepEqual(checkAnswer(secret, q.token, '7', later, POST_A), { ok: false, reason: 'expired' });
  });

  it('refuses a token signed with another secret or altered', () => {
    const q = makeQuestion('y'.repeat(32), now, onA, fixed([0, 3, 4]));
    assert.deepEqual(checkAnswer(secret, q.token, '7', now, POST_A), { ok: false, reason: 'invalid' });
    const mine = makeQuestion(secret, now, onA, fixed([0, 3, 4]));
    const [body, sig] = mine.token.split('.');
    const forged = Buffer.from(Buffer.from(body!, 'base64url').toString().replace(POST_A, POST_B)).toString('base64url');
    assert.deepEqual(checkAnswer(secret, `${forged}.${sig}`, '7', now, POST_B), { ok: false, reason: 'invalid' });
  });

  it('refuses a missing token', () => {
    assert.deepEqual(checkAnswer(secret, undefined, '7', now, POST_A), { ok: false, reason: 'missing' });
  });

  it('refuses a token issued for another post, even with the right answer', () => {
    const q = makeQuestion(secret, now, onA, fixed([0, 3, 4]));
    assert.deepEqual(checkAnswer(secret, q.token, '7', now, POST_B), { ok: false, reason: 'other_post' });
    assert.equal(checkAnswer(secret, q.token, '7', now, POST_A).ok, true);
  });

  it('does not carry the answer or the sum in its token, in any encoding a reader could undo', () => {
    for (let answer = 0; answer <= 18; answer++) {
      const [a, b] = answer <= 9 ? [answer, 0] : [9, answer - 9];
      const q = makeQuestion(secret, now, onA, fixed([0, a === 0 ? 1 : a, b === 0 ? 1 : b]));
      const expected = q.a + q.b;
      const payload = payloadOf(q.token);
      // Only the nonce, the post, three times and the keyed hash: no field holds the numbers.
      assert.deepEqual(Object.keys(payload).sort(), ['e', 'h', 'i', 'n', 'p', 's']);
      assert.deepEqual(
        [payload.p, payload.i, payload.s, payload.e],
        [POST_A, now.getTime(), now.getTime(), now.getTime() + QUESTION_LIFETIME_MS],
      );
      // The hash is keyed: no unkeyed digest of the answer, alone or with the nonce and post, matches it.
      const candidates = [
        String(expected),
        `${String(payload.n)}${expected}`,
        `${String(payload.n)}\0${POST_A}\0${expected}`,
        `question-answer\0${String(payload.n)}\0${POST_A}\0${expected}`,
      ];
      for (const text of candidates) {
        for (const algorithm of ['sha256', 'sha1', 'md5']) {
          for (const encoding of ['hex', 'base64', 'base64url'] as const) {
            assert.notEqual(payload.h, createHash(algorithm).update(text).digest(encoding));
          }
        }
      }
      // And a reader cannot even tell which answer is right by trying them all without the secret.
      const verdicts = Array.from({ length: 19 }, (_, guess) => checkAnswer('z'.repeat(32), q.token, String(guess), now, POST_A).ok);
      assert.ok(verdicts.every((ok) => !ok));
      assert.equal(checkAnswer(secret, q.token, String(expected), now, POST_A).ok, true);
    }
  });

  it('keeps the start of the form it replaces, never later than now', () => {
    const started = new Date(now.getTime() - 40_000);
    const q = makeQuestion(secret, now, { postId: POST_A, startedAt: started }, fixed([0, 3, 4]));
    const check = checkAnswer(secret, q.token, '7', now, POST_A);
    assert.equal(check.ok && check.startedAt.getTime(), started.getTime());
    assert.equal(check.ok && check.issuedAt.getTime(), now.getTime());
    const future = makeQuestion(secret, now, { postId: POST_A, startedAt: new Date(now.getTime() + 60_000) }, fixed([0, 3, 4]));
    const fromFuture = checkAnswer(secret, future.token, '7', now, POST_A);
    assert.equal(fromFuture.ok && fromFuture.startedAt.getTime(), now.getTime());
  });

  it('reads digits and Danish or English number words', () => {
    assert.equal(readAnswer(' 7 '), 7);
    assert.equal(readAnswer('Syv'), 7);
    assert.equal(readAnswer('seven'), 7);
    assert.equal(readAnswer('7.0'), undefined);
  });
});
