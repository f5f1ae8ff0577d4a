/**
 * WordPress's words in Ytring's: dates, statuses, titles, tags, languages, slugs, old addresses and
 * comment threads, read from a WXR record. Pure functions; the import decides what to store.
 */
import type { CommentStatus } from '../comments/comment.js';
import { LIMITS, type PostStatus } from '../posts/post.js';
import { normaliseLanguageTag } from '../shared/language-tag.js';
import { slugify } from '../shared/slug.js';
import type { WxrItem, WxrSite } from './formats/wxr.js';
import { commentHtmlToText, cut, plainLine } from './html.js';
import { increment, type ImportReport } from './import-report.js';

export const PINGS = new Set(['pingback', 'trackback']);
export const COMMENT_STATUS: Record<string, CommentStatus> = {
  1: 'approved',
  0: 'pending',
  spam: 'spam',
  trash: 'trash',
  'post-trashed': 'trash',
};

/** "2012-02-15 01:00:00" (UTC when it is the _gmt field) → Date; WordPress's "0000-00-00 00:00:00" → undefined. */
export function parseWpDate(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match || match[1] === '0000') return undefined;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A WordPress post_name (often percent-encoded UTF-8) → a Ytring slug, or '' when nothing Latin is left. */
export function slugFromPostName(postName: string): string {
  let decoded = postName;
  try {
    decoded = decodeURIComponent(postName);
  } catch {
    /* a stray % stays as written */
  }
  return slugify(decoded);
}

/** The path of an old address, in the form requests arrive: `https://x.org/2013/05/a/` → `/2013/05/a/`, `?p=1` kept. */
export function oldPathOf(link: string): string | undefined {
  try {
    const url = new URL(link);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.pathname + url.search;
  } catch {
    return undefined;
  }
}

/** What an export's earlier imports are recognised by: `wxr:` and the old site's address. */
export function siteKey(site: WxrSite): string {
  const address = site.baseBlogUrl || site.link || site.title || 'unknown';
  return `wxr:${address
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '')}`;
}

/** Parents before their replies, oldest first; replies whose parent is missing (or a cycle) become top-level. */
export function threadOrder<T extends { id: string; parent: string; date: string }>(
  comments: readonly T[],
): { ordered: T[]; orphans: number } {
  const ids = new Set(comments.map((c) => c.id));
  const byDate = [...comments].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : Number(a.id) - Number(b.id)));
  const children = new Map<string, T[]>();
  for (const comment of byDate) {
    if (comment.parent !== '0' && ids.has(comment.parent) && comment.parent !== comment.id) {
      children.set(comment.parent, [...(children.get(comment.parent) ?? []), comment]);
    }
  }
  const ordered: T[] = [];
  const seen = new Set<string>();
  const visit = (root: T) => {
    const todo = [root];
    while (todo.length > 0) {
      const comment = todo.pop()!;
      if (seen.has(comment.id)) continue;
      seen.add(comment.id);
      ordered.push(comment);
      todo.push(...[...(children.get(comment.id) ?? [])].reverse());
    }
  };
  let orphans = 0;
  for (const comment of byDate) {
    const isRoot = comment.parent === '0' || !ids.has(comment.parent) || comment.parent === comment.id;
    if (!isRoot) continue;
    if (comment.parent !== '0') orphans++;
    visit(comment);
  }
  for (const comment of byDate) {
    if (!seen.has(comment.id)) {
      orphans++;
      visit(comment);
    }
  }
  return { ordered, orphans };
}

/** The post's status and dates in Ytring at `now`, or in words why it is not imported. */
export function statusOf(
  item: WxrItem,
  now: Date,
): { status: PostStatus; publishedAt: Date | null; createdAt: Date; note?: string } | string {
  const date = parseWpDate(item.postDateGmt) ?? parseWpDate(item.postDate);
  const createdAt = date && date.getTime() < now.getTime() ? date : now;
  if (item.postPassword.trim() && (item.status === 'publish' || item.status === 'future')) {
    return { status: 'draft', publishedAt: null, createdAt, note: 'password-protected, imported as a draft' };
  }
  switch (item.status) {
    case 'publish':
      return { status: 'published', publishedAt: date ?? now, createdAt };
    case 'future':
      if (!date) return { status: 'draft', publishedAt: null, createdAt, note: 'scheduled without a date, imported as a draft' };
      return {
        status: 'scheduled',
        publishedAt: date,
        createdAt: now,
        ...(date.getTime() <= now.getTime() ? { note: 'scheduled for a time already past, published' } : {}),
      };
    case 'draft':
    case 'pending':
      return { status: 'draft', publishedAt: null, createdAt };
    case 'private':
      return { status: 'draft', publishedAt: null, createdAt, note: 'private, imported as a draft' };
    case 'trash':
      return 'in the trash';
    case 'auto-draft':
      return 'automatic draft';
    default:
      return `status "${item.status || 'none'}"`;
  }
}

/** The post's title; one without gets one from its excerpt, text or date (counted in `report`). */
export function titleOf(item: WxrItem, report: ImportReport, date: Date): string {
  const title = plainLine(item.title);
  if (title) return cut(title, LIMITS.title);
  increment(report.adjusted, 'no title, one made from the excerpt, text or date');
  const words = plainLine(commentHtmlToText(item.excerpt)) || plainLine(commentHtmlToText(item.content));
  return words ? cut(words, 80) : `Untitled (${date.toISOString().slice(0, 10)})`;
}

/** Categories and tags as Ytring tags, without repeats, at most LIMITS.tags (the rest counted in `report`). */
export function tagsOf(item: WxrItem, report: ImportReport): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const term of item.terms) {
    if (term.domain !== 'category' && term.domain !== 'post_tag') continue;
    const name = cut(plainLine(term.name), LIMITS.tag);
    const key = slugify(name) || name.toLowerCase();
    if (!name || seen.has(key)) continue;
    seen.add(key);
    tags.push(name);
  }
  if (tags.length > LIMITS.tags) increment(report.skipped, `tag beyond ${LIMITS.tags} on one post`, tags.length - LIMITS.tags);
  return tags.slice(0, LIMITS.tags);
}

// Where WPML and Polylang record a post's own language in an export.
const LANGUAGE_META = new Set(['_wpml_language', 'wpml_language', '_icl_lang', '_language', 'language', 'lang']);

/** The post's own language (Polylang's `language` term, WPML's postmeta), else the export's `<language>`. */
export function languageOf(item: WxrItem, site: WxrSite | undefined): string | null {
  for (const term of item.terms) {
    if (term.domain !== 'language') continue;
    const tag = normaliseLanguageTag(term.nicename.replace(/^pll_/, '')) ?? normaliseLanguageTag(term.name);
    if (tag) return tag;
  }
  for (const meta of item.meta) {
    if (!LANGUAGE_META.has(meta.key)) continue;
    const tag = normaliseLanguageTag(meta.value);
    if (tag) return tag;
  }
  return normaliseLanguageTag(site?.language ?? '') ?? null;
}

const BYLINE_WORDS_MAX = 200;

/**
 * The post's own job title, organisation and note for its author `login`, from the `_ytring_bylines`
 * postmeta that `ytring export wxr` writes; {} when the export has none or it is not what we wrote.
 */
export function bylineOf(item: WxrItem, login: string): { jobTitle?: string; organisation?: string; bylineNote?: string } {
  const entry = bylineEntries(item).find((e) => e.login === login);
  if (!entry) return {};
  const words = (key: string) => {
    const word = entry[key];
    return typeof word === 'string' ? cut(word.replace(/\s+/g, ' ').trim(), BYLINE_WORDS_MAX) : '';
  };
  const [jobTitle, organisation, bylineNote] = [words('jobTitle'), words('organisation'), words('note')];
  return { ...(jobTitle ? { jobTitle } : {}), ...(organisation ? { organisation } : {}), ...(bylineNote ? { bylineNote } : {}) };
}

/** The logins `_ytring_bylines` marks as invited guest experts (a mark WordPress has no place for). */
export function guestLogins(item: WxrItem): Set<string> {
  return new Set(bylineEntries(item).flatMap((e) => (e.guest === true && typeof e.login === 'string' ? [e.login] : [])));
}

/** The entries of the item's `_ytring_bylines`, or none when it has none or it is not what we wrote. */
function bylineEntries(item: WxrItem): Record<string, unknown>[] {
  const value = item.meta.find((m) => m.key === '_ytring_bylines')?.value;
  if (!value) return [];
  let entries: unknown;
  try {
    entries = JSON.parse(value);
  } catch {
    return [];
  }
  return Array.isArray(entries) ? entries.filter((e: unknown): e is Record<string, unknown> => typeof e === 'object' && e !== null) : [];
}

/** /yyyy/mm/dd/name, /yyyy/mm/name and /name: WordPress's usual permalinks, dated by the post's local date. */
export function otherPermalinks(item: Pick<WxrItem, 'postDate' | 'postName' | 'postType'>): string[] {
  const name = item.postName.trim();
  if (!name || name.includes('/') || name.includes('?')) return [];
  const date = /^(\d{4})-(\d{2})-(\d{2}) /.exec(item.postDate);
  const paths = [`/${name}`];
  if (date && date[1] !== '0000' && item.postType === 'post')
    paths.push(`/${date[1]}/${date[2]}/${date[3]}/${name}`, `/${date[1]}/${date[2]}/${name}`);
  return paths;
}
