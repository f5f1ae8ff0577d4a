import { invalid } from '../errors.js';
import { isEmailAddress } from '../shared/email-obfuscation.js';

export interface Person {
  id: string;
  slug: string;
  name: string;
  initials: string;
  jobTitle: string;
  organisation: string;
  bio: string;
  avatarPath: string | null;
  /** Private: only the admin and notifications see it. */
  email: string | null;
  phone: string;
  /** An invited guest expert: bylines mark them as such and show their title and organisation. */
  guest: boolean;
}

/** What a public page may show of a person. */
export type PublicPerson = Omit<Person, 'email'>;

export interface PersonInput {
  name: string;
  slug?: string;
  initials?: string;
  jobTitle?: string;
  organisation?: string;
  bio?: string;
  email?: string | null;
  phone?: string;
  guest?: boolean;
}

/** How many people a person picker lists without script besides those chosen; others are found by searching. */
export const PICKER_LIMIT = 25;

export const toPublicPerson = ({ email: _email, ...rest }: Person): PublicPerson => rest;

/** "Marie Munk" → "MM", "Ida" → "I", "Anne-Sofie la Cour" → "AL". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = words[0]!;
  const last = words.length > 1 ? words[words.length - 1]! : '';
  return (first[0]! + (last[0] ?? '')).toUpperCase();
}

/** What can be wrong with a person's fields: closed, so every form showing them names each in words. */
export type PersonInputProblem = 'required' | 'too_long' | 'not_an_email';

/** Every problem with `input` at once, by field; empty when it may be saved. */
export function personInputProblems(input: PersonInput): Record<string, PersonInputProblem> {
  const problems: Record<string, PersonInputProblem> = {};
  if (!input.name?.trim()) problems.name = 'required';
  else if (input.name.length > 120) problems.name = 'too_long';
  if (input.initials && input.initials.length > 4) problems.initials = 'too_long';
  if ((input.jobTitle ?? '').length > 200) problems.jobTitle = 'too_long';
  if ((input.organisation ?? '').length > 200) problems.organisation = 'too_long';
  if ((input.bio ?? '').length > 2000) problems.bio = 'too_long';
  if (input.email && !isEmailAddress(input.email)) problems.email = 'not_an_email';
  if ((input.phone ?? '').length > 40) problems.phone = 'too_long';
  return problems;
}

export function validatePersonInput(input: PersonInput): void {
  const problems = personInputProblems(input);
  if (Object.keys(problems).length > 0) throw invalid(problems);
}
