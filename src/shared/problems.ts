/**
 * Problem codes of a form as a closed catalogue: each field with the codes it can come back with.
 * The message keys are typed from it (error.<field>.<code>), so a code without a message fails tsc
 * where the view looks the message up.
 */

/** Field → the codes it may have; `form` holds what no field of the form can show. */
export type ProblemCatalogue = { readonly form: readonly ['invalid'] } & { readonly [field: string]: readonly string[] };

/** Field → problem code; an empty object means valid. */
export type Problems<C extends ProblemCatalogue> = { -readonly [F in keyof C]?: C[F][number] };

/** The message key of every problem in the catalogue. */
export type ProblemKey<C extends ProblemCatalogue> = { [F in keyof C & string]: `error.${F}.${C[F][number]}` }[keyof C & string];

/**
 * The problems of an invalid or conflict error (field → code) that the catalogue knows; any other
 * becomes the form's `invalid`, so a form never comes back with a problem it cannot name.
 */
export function problemsIn<C extends ProblemCatalogue>(catalogue: C, fields: Readonly<Record<string, string>>): Problems<C> {
  const known: Record<string, string> = {};
  for (const [field, code] of Object.entries(fields)) {
    if (Object.hasOwn(catalogue, field) && catalogue[field]!.includes(code)) known[field] = code;
    else known.form = 'invalid';
  }
  // Sound: every pair was checked against the catalogue just above, which the type cannot follow.
  return known as Problems<C>;
}

/** The message key of one problem; typed, so the message table must have every key of the catalogue. */
export function problemKey<C extends ProblemCatalogue, F extends keyof C & string>(field: F, code: C[F][number]): ProblemKey<C> {
  // Sound: `field` and `code` belong together by the signature, which the template type cannot follow.
  return `error.${field}.${code}` as ProblemKey<C>;
}

/** The fields that have a problem, in the order they were found. */
export function fieldsWithProblems<C extends ProblemCatalogue>(problems: Problems<C>): (keyof C & string)[] {
  // Sound: a Problems<C> has only fields of C (problemsIn builds it so).
  return Object.keys(problems) as (keyof C & string)[];
}
