/**
 * The arithmetic question. The answer travels in a signed, expiring token, so showing a form
 * needs no server-side state and cached pages still work; spending a token is recorded in the
 * database (see spam.repository.ts) so each is accepted once.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { sign, verify } from '../../shared/keyed-hash.js';

export interface Question {
  /** "3 plus 4", shown inside the page's sentence ("Hvad er 3 plus 4?"). */
  a: number;
  b: number;
  op: 'plus' | 'minus';
  token: string;
}

interface QuestionPayload {
  a: number;
  b: number;
  op: 'plus' | 'minus';
  /** Nonce: the key that makes a token single-use. */
  n: string;
  /** Issued and expires, in ms since the epoch. */
  i: number;
  e: number;
}

export const QUESTION_LIFETIME_MS = 6 * 3600 * 1000;
const DOMAIN = 'question';

export function makeQuestion(secret: string, now: Date, random: (min: number, max: number) => number = randomInt): Question {
  const op = random(0, 2) === 0 ? 'plus' : 'minus';
  let a = random(1, 10);
  let b = random(1, 10);
  if (op === 'minus' && b > a) [a, b] = [b, a];
  const payload: QuestionPayload = { a, b, op, n: randomBytes(12).toString('base64url'), i: now.getTime(), e: now.getTime() + QUESTION_LIFETIME_MS };
  return { a, b, op, token: sign(secret, DOMAIN, payload) };
}

const NUMBER_WORDS: Record<string, number> = {
  nul: 0, en: 1, et: 1, to: 2, tre: 3, fire: 4, fem: 5, seks: 6, syv: 7, otte: 8, ni: 9, ti: 10,
  elleve: 11, tolv: 12, tretten: 13, fjorten: 14, femten: 15, seksten: 16, sytten: 17, atten: 18,
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
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
}

export type QuestionCheck =
  | ({ ok: true } & Spendable)
  | ({ ok: false; reason: 'wrong' } & Spendable)
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

/** Checks signature, expiry and answer; single use is the caller's job (it needs the database). */
export function checkAnswer(secret: string, token: string | undefined, answer: string | undefined, now: Date): QuestionCheck {
  if (!token) return { ok: false, reason: 'missing' };
  const payload = verify<QuestionPayload>(secret, DOMAIN, token);
  if (!payload || typeof payload.a !== 'number' || typeof payload.b !== 'number' || typeof payload.n !== 'string') return { ok: false, reason: 'invalid' };
  if (payload.e < now.getTime()) return { ok: false, reason: 'expired' };
  const expected = payload.op === 'minus' ? payload.a - payload.b : payload.a + payload.b;
  const spendable = { nonce: payload.n, issuedAt: new Date(payload.i), expiresAt: new Date(payload.e) };
  if (readAnswer(answer ?? '') !== expected) return { ok: false, reason: 'wrong', ...spendable };
  return { ok: true, ...spendable };
}
