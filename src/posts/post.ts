import { invalid } from '../errors.js';
import type { PublicPerson } from '../people/person.js';
import type { FeaturedImage } from '../uploads/media.service.js';
import type { BodyImage } from '../uploads/upload.service.js';
import { isSlug, slugify } from '../shared/slug.js';
import { isEmailAddress } from '../shared/email-obfuscation.js';

export type PostStatus = 'draft' | 'scheduled' | 'published';
export const POST_STATUSES: readonly PostStatus[] = ['draft', 'scheduled', 'published'];

/** The titles an untitled draft is autosaved with (the editor's "editor.untitled", in each language). */
export const UNTITLED_TITLES: readonly string[] = ['(uden titel)', '(untitled)'];

/** Whether `slug` is `base` or what uniqueSlug makes of it when taken (`base-2`, `base-3` …). */
export function isSlugMadeFrom(slug: string, base: string): boolean {
  if (slug === base) return true;
  const suffix = slug.startsWith(`${base}-`) ? slug.slice(base.length + 1) : '';
  return /^[2-9]$|^[1-9]\d{1,5}$/.test(suffix);
}

/**
 * Whether a post's address should follow its new title: only a draft never published whose
 * address was made from its title or from the placeholder title an untitled draft is autosaved
 * with (`untitled`, e.g. "(uden titel)"), and only when the slug sent with the change is empty or
 * that same address, i.e. nobody set one by hand.
 */
export function slugFollowsTitle(
  existing: { status: PostStatus; publishedAt: string | null; title: string; slug: string },
  sentSlug: string,
  untitled: readonly string[] = [],
): boolean {
  if (existing.status !== 'draft' || existing.publishedAt) return false;
  const sent = sentSlug.trim();
  if (sent && sent !== existing.slug) return false;
  return [existing.title, ...untitled].some((title) => isSlugMadeFrom(existing.slug, slugify(title) || 'x'));
}

export interface Tag {
  id: string;
  slug: string;
  name: string;
}

export interface PostAuthor {
  /** The person as this post shows them: its own job title and organisation, where set, in place of theirs. */
  person: PublicPerson;
  /** This post's byline text after the name, e.g. the guest's title and organisation. */
  bylineNote: string;
  /** This post's job title and organisation for the person (their title at the time of writing); '' means their own. */
  jobTitle: string;
  organisation: string;
}

/** The person with this post's job title and organisation, where it has them. */
export function asOnPost<P extends { jobTitle: string; organisation: string }>(
  person: P,
  own: { jobTitle: string; organisation: string },
): P {
  return {
    ...person,
    jobTitle: own.jobTitle.trim() || person.jobTitle,
    organisation: own.organisation.trim() || person.organisation,
  };
}

/**
 * What follows an author's name in a byline: this post's note when it has one, else a guest's job
 * title and organisation (a staff member's title is in their profile box, as on the model page).
 */
export function bylineTitle(note: string, person: { guest: boolean; jobTitle: string; organisation: string }): string {
  if (note.trim()) return note.trim();
  return person.guest ? [person.jobTitle.trim(), person.organisation.trim()].filter(Boolean).join(', ') : '';
}

export interface RelatedLink {
  title: string;
  url: string;
  description: string;
}

export interface Contact {
  personSlug: string | null;
  name: string;
  role: string;
  phone: string;
  /** Shown only through the obfuscating helper. */
  email: string;
}

export interface InfoBox {
  heading: string;
  body: string;
  contacts: Contact[];
}

export interface Post {
  id: string;
  blogId: string;
  slug: string;
  title: string;
  lead: string;
  body: string;
  status: PostStatus;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  commentsOpen: boolean;
  commentCount: number;
}

export interface PostSummary {
  id: string;
  slug: string;
  title: string;
  lead: string;
  publishedAt: Date;
  updatedAt: Date;
  commentCount: number;
  blog: { slug: string; title: string };
  authors: PostAuthor[];
  /** Absent when the post has none. */
  featuredImage?: FeaturedImage;
}

export interface PostDetail extends Post {
  blog: { id: string; slug: string; title: string };
  authors: PostAuthor[];
  tags: Tag[];
  relatedLinks: RelatedLink[];
  infoBoxes: InfoBox[];
  /** The post's own language tag ("fr-FR"); null when it is written in the site's. */
  language: string | null;
  /** Absent when the post has none. */
  featuredImage?: FeaturedImage;
  /** The uploads its body shows, by upload id, with their sizes (absent where no one asked). */
  bodyImages?: Record<string, BodyImage>;
}

export interface PostInput {
  blogId: string;
  title: string;
  slug?: string;
  lead?: string;
  body?: string;
  status: PostStatus;
  publishedAt?: Date | null;
  authors: { personId: string; bylineNote?: string; jobTitle?: string; organisation?: string }[];
  tags?: string[];
  relatedLinks?: { title: string; url: string; description?: string }[];
  infoBoxes?: {
    heading: string;
    body?: string;
    contacts: { personId?: string | null; name?: string; role?: string; phone?: string; email?: string }[];
  }[];
  commentsOpen?: boolean;
  /** A language tag ("fr-FR") when the post is not in the site's language; set on creation only. */
  language?: string | null;
}

export const LIMITS = {
  title: 200,
  lead: 2000,
  body: 200_000,
  tag: 60,
  tags: 20,
  bylineNote: 200,
  /** A byline's job title and organisation for one post, as long as a person's own may be. */
  authorTitle: 200,
  linkTitle: 200,
  url: 2000,
} as const;

export function isSafeUrl(url: string): boolean {
  if (url.startsWith('/') && !url.startsWith('//')) return true;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/** What can be wrong with a post's fields: closed, so the editor names each in words (checked by tsc). */
export type PostInputProblem =
  'required' | 'too_long' | 'not_a_slug' | 'unknown' | 'duplicate' | 'too_many' | 'invalid' | 'not_a_url' | 'not_an_email';

/** Throws invalid(field → problem) listing every problem at once. */
export function validatePostInput(input: PostInput, slug: string): void {
  const problems = postInputProblems(input, slug);
  if (Object.keys(problems).length > 0) throw invalid(problems);
}

/** Every problem with `input` at once, keyed by field (`relatedLinks.1.url`); empty when it may be saved. */
export function postInputProblems(input: PostInput, slug: string): Record<string, PostInputProblem> {
  const problems: Record<string, PostInputProblem> = {};
  if (!input.title?.trim()) problems.title = 'required';
  else if (input.title.length > LIMITS.title) problems.title = 'too_long';
  if (!isSlug(slug)) problems.slug = 'not_a_slug';
  if ((input.lead ?? '').length > LIMITS.lead) problems.lead = 'too_long';
  if ((input.body ?? '').length > LIMITS.body) problems.body = 'too_long';
  if (!POST_STATUSES.includes(input.status)) problems.status = 'unknown';
  if (input.status === 'scheduled' && !input.publishedAt) problems.publishedAt = 'required';
  if (input.authors.length === 0) problems.authors = 'required';
  if (new Set(input.authors.map((a) => a.personId)).size !== input.authors.length) problems.authors = 'duplicate';
  if (input.authors.some((a) => (a.bylineNote ?? '').length > LIMITS.bylineNote)) problems.authors = 'too_long';
  if (input.authors.some((a) => (a.jobTitle ?? '').length > LIMITS.authorTitle || (a.organisation ?? '').length > LIMITS.authorTitle))
    problems.authors = 'too_long';
  const tags = input.tags ?? [];
  if (tags.length > LIMITS.tags) problems.tags = 'too_many';
  if (tags.some((t) => !t.trim() || t.length > LIMITS.tag)) problems.tags = 'invalid';
  (input.relatedLinks ?? []).forEach((link, i) => {
    if (!link.title?.trim() || link.title.length > LIMITS.linkTitle) problems[`relatedLinks.${i}.title`] = 'invalid';
    if (!isSafeUrl(link.url) || link.url.length > LIMITS.url) problems[`relatedLinks.${i}.url`] = 'not_a_url';
  });
  (input.infoBoxes ?? []).forEach((box, i) => {
    if (!box.heading?.trim()) problems[`infoBoxes.${i}.heading`] = 'required';
    box.contacts.forEach((contact, j) => {
      if (!contact.personId && !contact.name?.trim()) problems[`infoBoxes.${i}.contacts.${j}.name`] = 'required';
      if (contact.email && !isEmailAddress(contact.email)) problems[`infoBoxes.${i}.contacts.${j}.email`] = 'not_an_email';
    });
  });
  return problems;
}

/**
 * The status a post is stored with: "published" with a future date is really scheduled,
 * and "scheduled" whose time has come is published.
 */
export function effectiveStatus(
  status: PostStatus,
  publishedAt: Date | null | undefined,
  now: Date,
): { status: PostStatus; publishedAt: Date | null } {
  if (status === 'draft') return { status, publishedAt: publishedAt ?? null };
  const at = publishedAt ?? now;
  return { status: at.getTime() > now.getTime() ? 'scheduled' : 'published', publishedAt: at };
}

export const postPath = (blogSlug: string, postSlug: string): string => `/${blogSlug}/${postSlug}`;
