/** What an image upload in the media library or the photo picker can come back with (the upload service's codes for the file). */
import { problemsIn, type ProblemCatalogue } from '../../shared/problems.js';
import type { PostMessageKey } from '../posts/posts.messages.js';

/** Closed: the pages name a message for each code in UPLOAD_PROBLEM_KEYS, so a new code without one fails tsc. */
export const UPLOAD_PROBLEMS = {
  form: ['invalid'],
  file: ['required', 'too_large', 'not_an_image', 'too_many_pixels', 'invalid'],
} as const satisfies ProblemCatalogue;

export type UploadProblem = (typeof UPLOAD_PROBLEMS.file)[number];

/** A file's problem as the catalogue knows it; a code it does not know is `invalid`. */
export const uploadProblemOf = (code: string): UploadProblem => problemsIn(UPLOAD_PROBLEMS, { file: code }).file ?? 'invalid';

/** The message of each problem (the editor's words for the same file problems). */
export const UPLOAD_PROBLEM_KEYS: Record<UploadProblem, PostMessageKey> = {
  required: 'error.required',
  too_large: 'error.too_large',
  not_an_image: 'error.not_an_image',
  too_many_pixels: 'error.too_many_pixels',
  invalid: 'error.invalid',
};
