/** What the post editor can report on a field: the form's own checks, the posts service's validation and the featured-image upload. */
import type { PostMessageKey } from './posts.messages.js';

/** Closed: each code needs its message in POST_PROBLEM_KEYS, so a new code without one fails tsc. */
export const POST_PROBLEMS = [
  'required',
  'too_long',
  'not_a_slug',
  'conflict',
  'not_a_url',
  'not_an_email',
  'invalid',
  'unknown',
  'duplicate',
  'too_many',
  'must_include_you',
  'not_a_time',
  'not_found',
  'not_an_image',
  'too_large',
  'too_many_pixels',
  'edited_meanwhile',
] as const;

export type PostProblem = (typeof POST_PROBLEMS)[number];

/** Field id → problem; an empty object means nothing to fix. */
export type PostErrors = Record<string, PostProblem>;

/** The message of each problem. */
export const POST_PROBLEM_KEYS: Record<PostProblem, PostMessageKey> = {
  required: 'error.required',
  too_long: 'error.too_long',
  not_a_slug: 'error.not_a_slug',
  conflict: 'error.conflict',
  not_a_url: 'error.not_a_url',
  not_an_email: 'error.not_an_email',
  invalid: 'error.invalid',
  unknown: 'error.unknown',
  duplicate: 'error.duplicate',
  too_many: 'error.too_many',
  must_include_you: 'error.must_include_you',
  not_a_time: 'error.not_a_time',
  not_found: 'error.not_found',
  not_an_image: 'error.not_an_image',
  too_large: 'error.too_large',
  too_many_pixels: 'error.too_many_pixels',
  edited_meanwhile: 'error.edited_meanwhile',
};

const known: ReadonlySet<string> = new Set(POST_PROBLEMS);

/**
 * A code from outside the editor (the service, the upload) as the editor knows it; one it has no words
 * for is `invalid`, the same text the page showed for it before the codes were closed.
 */
export const postProblemOf = (code: string): PostProblem => (known.has(code) ? (code as PostProblem) : 'invalid');
