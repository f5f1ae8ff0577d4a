/** Roles, what each may do, and the checks every admin route makes on the server. */
import { invalid } from '../errors.js';
import type { ProblemCatalogue, Problems } from '../shared/problems.js';

export type Role = 'admin' | 'editor' | 'author' | 'moderator';

/**
 * What setting up the site (the first administrator) can come back with, by field: the account's and
 * the new person's checks. Closed: the setup page has a message for each, or tsc fails there.
 */
export const SETUP_PROBLEMS = {
  form: ['invalid'],
  name: ['required', 'too_long'],
  email: ['not_an_email', 'conflict'],
  password: ['too_short', 'too_long'],
} as const satisfies ProblemCatalogue;
export type SetupProblems = Problems<typeof SETUP_PROBLEMS>;
export const ROLES: readonly Role[] = ['admin', 'editor', 'author', 'moderator'];
export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

export interface Account {
  id: string;
  personId: string;
  email: string;
  role: Role;
  /** Blogs an editor's or moderator's role is limited to; null means every blog. */
  blogScope: string[] | null;
  disabled: boolean;
}

/** The logged-in person acting, as policies see them. */
export interface Actor {
  accountId: string;
  personId: string;
  name: string;
  role: Role;
  blogScope: string[] | null;
}

const inScope = (actor: Actor, blogId: string) => actor.blogScope === null || actor.blogScope.includes(blogId);

export function canWritePosts(actor: Actor): boolean {
  return actor.role !== 'moderator';
}

/** Admins and editors (in their blogs) edit any post; authors only posts they are an author of. */
export function canEditPost(actor: Actor, post: { blogId: string; authorPersonIds: readonly string[] }): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'editor') return inScope(actor, post.blogId);
  if (actor.role === 'author') return post.authorPersonIds.includes(actor.personId);
  return false;
}

/** Blogs an actor may publish a new post in. */
export function canPostInBlog(actor: Actor, blogId: string): boolean {
  if (actor.role === 'admin' || actor.role === 'author') return true;
  if (actor.role === 'editor') return inScope(actor, blogId);
  return false;
}

/** Admins everywhere; editors and moderators in their blogs; authors on their own posts. */
export function canModerateComment(actor: Actor, comment: { blogId: string; postAuthorPersonIds: readonly string[] }): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'editor' || actor.role === 'moderator') return inScope(actor, comment.blogId);
  return comment.postAuthorPersonIds.includes(actor.personId);
}

/**
 * Whether the actor's reach is the whole site: administrators, and editors and moderators whose
 * role no blog scope limits. Site-wide things (people, the blocklist) touch every blog at once,
 * so a role limited to some blogs must not change them.
 */
export const reachesEveryBlog = (actor: Actor): boolean =>
  actor.role === 'admin' || ((actor.role === 'editor' || actor.role === 'moderator') && actor.blogScope === null);

export const canManagePeople = (actor: Actor): boolean => actor.role === 'admin' || (actor.role === 'editor' && reachesEveryBlog(actor));
export const canManageAccounts = (actor: Actor): boolean => actor.role === 'admin';
export const canManageBlogs = (actor: Actor): boolean => actor.role === 'admin';
export const canManageSettings = (actor: Actor): boolean => actor.role === 'admin';
/** The blocklist holds comments on every blog, so only those whose reach is every blog keep it. */
export const canManageBlocklist = (actor: Actor): boolean => reachesEveryBlog(actor);
export const canViewAudit = (actor: Actor): boolean => actor.role === 'admin';
export const canExport = (actor: Actor): boolean => actor.role === 'admin';
/** Followers' addresses are personal data of readers: only administrators see, export, import or remove them. */
export const canManageFollowers = (actor: Actor): boolean => actor.role === 'admin';

export const PASSWORD_MIN = 10;

export function validatePassword(password: string): void {
  if (password.length < PASSWORD_MIN) throw invalid({ password: 'too_short' });
  if (password.length > 1000) throw invalid({ password: 'too_long' });
}
