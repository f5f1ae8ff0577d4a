/** The profile an editor or administrator edits: the person's fields plus an avatar that is already uploaded. */
import { AppError, invalid } from '../errors.js';
import { validatePersonInput, type PersonInput } from './person.js';

export interface PersonProfileInput extends PersonInput {
  /** A path under /uploads/ from the upload module; null or '' means no picture. */
  avatarPath?: string | null;
}

// Path segments start with a letter or digit, so '..' and hidden files cannot appear.
const UPLOAD_PATH = /^\/uploads\/[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
const PHONE = /^[0-9+()\-./ ]*$/;

export function isAvatarPath(value: string): boolean {
  return value.length <= 300 && UPLOAD_PATH.test(value);
}

/** Throws invalid with every problem at once, the person's own rules and the avatar's together. */
export function validatePersonProfile(input: PersonProfileInput): void {
  const problems: Record<string, string> = {};
  try {
    validatePersonInput(input);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'invalid') throw error;
    Object.assign(problems, error.details.fields);
  }
  if (input.avatarPath && !isAvatarPath(input.avatarPath)) problems.avatarPath = 'not_an_upload';
  if (!problems.phone && input.phone && !PHONE.test(input.phone)) problems.phone = 'not_a_phone';
  if (Object.keys(problems).length > 0) throw invalid(problems);
}
