/**
 * Whether a row has been saved since a form read it: the form sends back the row's updatedAt as it
 * was opened (`expected`, ISO). No `expected` checks nothing; an unreadable one counts as changed,
 * so the person is asked rather than their save taken over someone else's.
 */
export function savedSince(current: Date | string, expected: string | undefined): boolean {
  if (expected === undefined) return false;
  const now = typeof current === 'string' ? Date.parse(current) : current.getTime();
  return now !== Date.parse(expected);
}
