/**
 * The arithmetic question. Its token carries no answer: only a keyed hash of it, bound to the
 * token's nonce and to the post it was issued for, so reading the token tells nothing and a token
 * from one post is refused on another. Showing a form needs no server-side state, so cached pages
 * still work; spending a token is recorded in the database (see spam.repository.ts), so each is
 * accepted once.
 */
import { randomInt } from 'node:crypto';
import { randomToken } from '../../shared/ids.js';
import { keyedHash, safeEqual, sign, verify } from '../../shared/keyed-hash.js';

export interface Question {
  /** "3 plus 4", shown inside the page's sentence ("Hvad er 3 plus 4?"). */
  a: number;
  b: number;
  op: 'plus' | 'minus';
  token: string;
}

/** Where a question may be answered, and since when the reader has been writing there. */
export interface QuestionBinding {
  postId: string;
  /**
   * When this reader first got a question for this post. A question handed out after a refused
   * send keeps the start of the one it replaces, so the minimum writing time is counted from the
   * first form, not from the new question.
   */
  startedAt?: Date | undefined;
}

interface QuestionPayload {
  /** Nonce: the key that makes a token single-use. */
  n: string;
  /** The post the token is for. */
  p: string;
  /** Issued, expires and started (see QuestionBinding), in ms since the epoch. */
  i: number;
  e: number;
  s: number;
  /** Keyed hash of nonce, post and answer: checkable with the instance secret, useless without it. */
  h: string;
}

export const QUESTION_LIFETIME_MS = 6 * 3600 * 1000;
const DOMAIN = 'question';
const ANSWER_DOMAIN = 'question-answer';

const answerHash = (secret: string, nonce: string, postId: string, answer: number) =>
  keyedHash(secret, ANSWER_DOMAIN, `${nonce}\0${postId}\0${answer}`);

export function makeQuestion(
  secret: string,
  now: Date,
  binding: QuestionBinding,
  random: (min: number, max: number) => number = randomInt,
): Question {
  const op = random(0, 2) === 0 ? 'plus' : 'minus';
  let a = random(1, 10);
  let b = random(1, 10);
  if (op === 'minus' && b > a) [a, b] = [b, a];
  const n = randomToken(12).toString('base64url');
  const i = now.getTime();
  // A start in the future (a clock step) would only make the reader wait longer: never later than now.
  const s = Math.min(binding.startedAt?.getTime() ?? i, i);
  const payload: QuestionPayload = {
    n,
    p: binding.postId,
    i,
    e: i + QUESTION_LIFETIME_MS,
    s,
    h: answerHash(secret, n, binding.postId, op === 'minus' ? a - b : a + b),
  };
  return { a, b, op, token: sign(secret, DOMAIN, payload) };
}

const NUMBER_WORDS: Record<string, number> = {
  nul: 0,
  en: 1,
  et: 1,
  to: 2,
  tre: 3,
  fire: 4,
  fem: 5,
  seks: 6,
  syv: 7,
  otte: 8,
  ni: 9,
  ti: 10,
  elleve: 11,
  tolv: 12,
  tretten: 13,
  fjorten: 14,
  femten: 15,
  seksten: 16,
  sytten: 17,
  atten: 18,
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
};

/** "7", " 7 ", "syv" and "seven" all read as 7; anything else is undefined. */
export function readAnswer(text: string): number | undefined {
  const clean = text.trim().toLowerCase();
  if (/^-?\d{1,3}$/.test(clean)) return Number(clean);
  return NUMBER_WORDS[clean];
}

interface Spendable {
  /** The genuine token's nonce and times: a right or wrong answer spends it. */
  nonce: string;
  issuedAt: Date;
  expiresAt: Date;
  startedAt: Date;
}

export type QuestionCheck =
  | ({ ok: true } & Spendable)
  | ({ ok: false; reason: 'wrong' } & Spendable)
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'other_post' };

/** The spendable part of a genuine, unexpired token for this post, whatever the answer; else undefined. */
export function readQuestionToken(secret: string, token: string | undefined, now: Date, postId: string): Spendable | undefined {
  const check = checkAnswer(secret, token, undefined, now, postId);
  return 'nonce' in check
    ? { nonce: check.nonce, issuedAt: check.issuedAt, expiresAt: check.expiresAt, startedAt: check.startedAt }
    : undefined;
}

/** Checks signature, post, expiry and answer; single use is the caller's job (it needs the database). */
export function checkAnswer(
  secret: string,
  token: string | undefined,
  answer: string | undefined,
  now: Date,
  postId: string,
): QuestionCheck {
  if (!token) return { ok: false, reason: 'missing' };
  const payload = verify<QuestionPayload>(secret, DOMAIN, token);
  if (
    !payload ||
    typeof payload.n !== 'string' ||
    typeof payload.p !== 'string' ||
    typeof payload.h !== 'string' ||
    typeof payload.i !== 'number' ||
    typeof payload.e !== 'number' ||
    typeof payload.s !== 'number'
  )
    return { ok: false, reason: 'invalid' };
  if (payload.p !== postId) return { ok: false, reason: 'other_post' };
  if (payload.e < now.getTime()) return { ok: false, reason: 'expired' };
  const spendable = { nonce: payload.n, issuedAt: new Date(payload.i), expiresAt: new Date(payload.e), startedAt: new Date(payload.s) };
  const given = readAnswer(answer ?? '');
  if (given === undefined || !safeEqual(answerHash(secret, payload.n, postId, given), payload.h))
    return { ok: false, reason: 'wrong', ...spendable };
  return { ok: true, ...spendable };
}

/** The post a genuine token was issued for, read without the database (the form shown while it is down). */
export function postOfToken(secret: string, token: string | undefined): string | undefined {
  const payload = token ? verify<Partial<QuestionPayload>>(secret, DOMAIN, token) : undefined;
  return typeof payload?.p === 'string' ? payload.p : undefined;
}
