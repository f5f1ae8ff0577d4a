import { invalid } from '../errors.js';
import type { PublicPerson } from '../people/person.js';
import { isSlug } from '../shared/slug.js';

export interface Blog {
  id: string;
  slug: string;
  title: string;
  description: string;
  position: number;
}

export interface BlogWithOwners extends Blog {
  owners: PublicPerson[];
}

export interface BlogInput {
  slug?: string;
  title: string;
  description?: string;
  ownerIds: string[];
}

/** Top-level paths the site itself uses; a blog cannot take them as its slug. */
export const RESERVED_SLUGS = new Set([
  'admin',
  'api',
  'archive',
  'authors',
  'tags',
  'search',
  'static',
  'uploads',
  'feeds',
  'feed',
  'healthz',
  'readyz',
  'metrics',
  'login',
  'logout',
  'setup',
  'comments',
  'privacy',
  'preview',
  'sitemap',
  'robots',
  'live',
  'favicon',
  'wp-admin',
  'wp-content',
  'wp-login',
  'sitemap.xml',
  'robots.txt',
  'favicon.ico',
]);

export function validateBlogInput(input: BlogInput, slug: string): void {
  const problems: Record<string, string> = {};
  if (!input.title?.trim()) problems.title = 'required';
  else if (input.title.length > 120) problems.title = 'too_long';
  if (!isSlug(slug)) problems.slug = 'not_a_slug';
  else if (RESERVED_SLUGS.has(slug)) problems.slug = 'reserved';
  if ((input.description ?? '').length > 2000) problems.description = 'too_long';
  if (input.ownerIds.length === 0) problems.ownerIds = 'required';
  if (Object.keys(problems).length > 0) throw invalid(problems);
}
