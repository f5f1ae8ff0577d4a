/**
 * What a post is filed under in the search index (IndexEntry.facets), and what a filter asks for:
 * tokens of "_", a letter, and letters and digits, which the index keeps whole and which no word can
 * be, words being letters and digits only (text-analysis.ts).
 */

/** An id in hexadecimal, which any id becomes whatever its characters. */
const token = (kind: string, id: string) => `_${kind}${Buffer.from(id, 'utf8').toString('hex')}`;

export const blogFacet = (blogId: string): string => token('b', blogId);
export const authorFacet = (personId: string): string => token('a', personId);
/** The year in UTC: the site's time zone may change without the index being built again. */
export const yearFacet = (at: Date): string => `_y${at.getUTCFullYear()}`;

/** The most years a filter is narrowed by; a longer span is left to the exact check alone. */
const MAX_YEARS = 3;

/**
 * The year facets of every post published in [from, until), or undefined when the span is open or
 * longer than a few years. A zoned year spills into a neighbouring UTC year by a few hours, so the
 * filter still checks the exact times; the facets only narrow what it checks.
 */
export function yearFacetsBetween(from: Date | undefined, until: Date | undefined): string[] | undefined {
  if (!from || !until || until <= from) return undefined;
  const first = from.getUTCFullYear();
  const last = new Date(until.getTime() - 1).getUTCFullYear();
  if (last - first + 1 > MAX_YEARS) return undefined;
  return Array.from({ length: last - first + 1 }, (_, i) => `_y${first + i}`);
}
