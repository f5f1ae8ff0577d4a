import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAnswer, makeQuestion, QUESTION_LIFETIME_MS, readAnswer } from './question.js';

const secret = 'x'.repeat(32);
const now = new Date('2026-11-29T12:00:00Z');
const fixed = (values: number[]) => () => values.shift()!;

describe('the arithmetic question', () => {
  it('accepts the right answer', () => {
    const q = makeQuestion(secret, now, fixed([0, 3, 4]));
    assert.equal(q.op, 'plus');
    assert.equal(checkAnswer(secret, q.token, '7', now).ok, true);
  });

  it('never asks for a negative result', () => {
    const q = makeQuestion(secret, now, fixed([1, 2, 9]));
    assert.deepEqual([q.a, q.b, q.op], [9, 2, 'minus']);
    assert.equal(checkAnswer(secret, q.token, '7', now).ok, true);
  });

  it('refuses a wrong answer', () => {
    const q = makeQuestion(secret, now, fixed([0, 3, 4]));
    const check = checkAnswer(secret, q.token, '8', now);
    assert.equal(check.ok, false);
    assert.equal(!check.ok && check.reason, 'wrong');
  });

  it('refuses an expired token', () => {
    const q = makeQuestion(secret, now, fixed([0, 3, 4]));
    const later = new Date(now.getTime() + QUESTION_LIFETIME_MS + 1);
    assert.deepEqual(checkAnswer(secret, q.token, '7', later), { ok: false, reason: 'expired' });
  });

  it('refuses a token signed with another secret or altered', () => {
    const q = makeQuestion('y'.repeat(32), now, fixed([0, 3, 4]));
    assert.deepEqual(checkAnswer(secret, q.token, '7', now), { ok: false, reason: 'invalid' });
    const mine = makeQuestion(secret, now, fixed([0, 3, 4]));
    const [body, sig] = mine.token.split('.');
    const forged = Buffer.from(Buffer.from(body!, 'base64url').toString().replace('"a":3', '"a":4')).toString('base64url');
    assert.deepEqual(checkAnswer(secret, `${forged}.${sig}`, '8', now), { ok: false, reason: 'invalid' });
  });

  it('refuses a missing token', () => {
    assert.deepEqual(checkAnswer(secret, undefined, '7', now), { ok: false, reason: 'missing' });
  });

  it('reads digits and Danish or English number words', () => {
    assert.equal(readAnswer(' 7 '), 7);
    assert.equal(readAnswer('Syv'), 7);
    assert.equal(readAnswer('seven'), 7);
    assert.equal(readAnswer('7.0'), undefined);
  });
});
