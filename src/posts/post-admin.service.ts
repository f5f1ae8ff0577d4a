/**
 * Posts as the admin edits them: lists with filters, the editor's save with guests created
 * inline, status changes, autosave, revisions and restore. Every function checks the actor's
 * role first; the routes check too, before showing anything.
 */
import { canEditPost, canPostInBlog, canWritePosts, type Actor } from '../accounts/account.js';
import { audit } from '../accounts/account.service.js';
import { getBlogById, listBlogs } from '../blogs/blog.service.js';
import type { Blog } from '../blogs/blog.js';
import { AppError, conflict, invalid, notFound } from '../errors.js';
import { personInputProblems, type PersonInput, type PersonInputProblem } from '../people/person.js';
import { createPerson, findPeopleByIds, listPickerPeople } from '../people/person.service.js';
import { savedSince } from '../shared/saved-since.js';
import { slugify } from '../shared/slug.js';
import { inTransaction, type Db } from '../storage/db.js';
import { POST_STATUSES, postInputProblems, type Post, type PostInput, type PostInputProblem, type PostStatus } from './post.js';
import {
  countAdminPosts,
  findEditablePostParts,
  listAdminPosts,
  listAuthorChoices,
  listTagChoices,
  type AdminPostQuery,
  type AdminPostRow,
  type PersonChoice,
} from './post-admin.repository.js';
import { checkFeaturedImage, getFeaturedImageFields, setFeaturedImage } from '../uploads/media.service.js';
import { getRevision, recordRevision, type FeaturedSnapshot, type PostSnapshot, type RevisionKind } from './post-revision.service.js';
import { createPost, deletePost, updatePost, type CreatedPost, type Page } from './post.service.js';
import { insertRevisionRows } from './post-revision.repository.js';
import { newId } from '../shared/ids.js';

export type { AdminPostRow, PersonChoice };

export type StatusAction = 'draft' | 'publish' | 'schedule';
export const STATUS_ACTIONS: readonly StatusAction[] = ['draft', 'publish', 'schedule'];

/** An author row: a known person, or a guest to create as a person when the post is saved. */
export interface AdminAuthorInput {
  personId?: string;
  guest?: PersonInput;
  bylineNote?: string;
  /** This post's job title and organisation for the person; empty means their own. */
  jobTitle?: string;
  organisation?: string;
}

export interface AdminPostInput extends Omit<PostInput, 'authors' | 'status' | 'publishedAt'> {
  authors: AdminAuthorInput[];
  statusAction: StatusAction;
  /** The time for "schedule"; a time already past publishes with that date. */
  publishAt?: Date | null;
  /** The featured image to set (uploadId '' removes it); undefined leaves it as it is. Checked by the caller with checkFeaturedImage. */
  featuredImage?: FeaturedSnapshot;
  /**
   * The post's updatedAt (ISO) when the editor was opened: a post changed since is not saved over
   * (conflict on `version`), and an autosave then keeps only its revision. Undefined checks nothing.
   */
  expectedVersion?: string;
}

export interface EditablePost extends PostSnapshot {
  id: string;
  blog: { id: string; slug: string; title: string };
  authors: { personId: string; name: string; bylineNote: string; jobTitle: string; organisation: string }[];
  featuredImage: FeaturedSnapshot;
  createdAt: Date;
  updatedAt: Date;
}

const forbidden = () => new AppError('forbidden', 'Your role does not allow this');
const allow = (allowed: boolean) => {
  if (!allowed) throw forbidden();
};

/** What the policies need to know of a post. */
export const policySubject = (post: { blogId: string; authors: readonly { personId: string }[] }) => ({
  blogId: post.blogId,
  authorPersonIds: post.authors.map((a) => a.personId),
});

/** Throws not-found, also for a deleted post. */
export async function getEditablePost(db: Db, id: string): Promise<EditablePost> {
  const parts = await findEditablePostParts(db, id);
  if (!parts || parts.row.deleted_at) throw notFound('Post');
  const { row } = parts;
  const blog = await getBlogById(db, row.blog_id);
  return {
    id: row.id,
    blogId: row.blog_id,
    blog: { id: blog.id, slug: blog.slug, title: blog.title },
    title: row.title,
    slug: row.slug,
    lead: row.lead,
    body: row.body,
    status: row.status,
    publishedAt: row.published_at,
    commentsOpen: Number(row.comments_open) === 1,
    authors: parts.authors,
    tags: parts.tags,
    relatedLinks: parts.relatedLinks,
    infoBoxes: parts.infoBoxes,
    featuredImage: await getFeaturedImageFields(db, row.id),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** A post the actor may edit; throws not-found or forbidden. */
export async function getPostToEdit(db: Db, actor: Actor, id: string): Promise<EditablePost> {
  const post = await getEditablePost(db, id);
  allow(canEditPost(actor, policySubject(post)));
  return post;
}

export function snapshotOf(post: EditablePost): PostSnapshot {
  return {
    blogId: post.blogId,
    title: post.title,
    slug: post.slug,
    lead: post.lead,
    body: post.body,
    status: post.status,
    publishedAt: post.publishedAt,
    commentsOpen: post.commentsOpen,
    authors: post.authors.map(({ name: _name, ...author }) => author),
    tags: post.tags,
    relatedLinks: post.relatedLinks,
    infoBoxes: post.infoBoxes,
    featuredImage: post.featuredImage,
  };
}

/** The list's scope: admins see everything, editors their blogs, authors their own posts, moderators nothing. */
function scopeOf(actor: Actor): Pick<AdminPostQuery, 'blogIds' | 'ownPersonId'> {
  allow(canWritePosts(actor));
  if (actor.role === 'editor' && actor.blogScope) return { blogIds: actor.blogScope };
  if (actor.role === 'author') return { ownPersonId: actor.personId };
  return {};
}

export type AdminPostFilter = Omit<AdminPostQuery, 'blogIds' | 'ownPersonId'>;

/** Throws not-found for a page past the end. */
export async function listPostsForAdmin(
  db: Db,
  actor: Actor,
  filter: AdminPostFilter,
  page: number,
  perPage: number,
): Promise<Page<AdminPostRow>> {
  const query = { ...filter, ...scopeOf(actor) };
  const total = await countAdminPosts(db, query);
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (page > pages) throw notFound('Page');
  return { items: await listAdminPosts(db, query, perPage, (page - 1) * perPage), page, pages, total };
}

/** Posts per status for the dashboard, counted over what the actor's post list shows; nothing for moderators. */
export async function countPostsForDashboard(db: Db, actor: Actor): Promise<Record<PostStatus, number>> {
  const counts: Record<PostStatus, number> = { draft: 0, scheduled: 0, published: 0 };
  if (!canWritePosts(actor)) return counts;
  const scope = scopeOf(actor);
  await Promise.all(
    POST_STATUSES.map(async (status) => {
      counts[status] = await countAdminPosts(db, { ...scope, status });
    }),
  );
  return counts;
}

export interface EditorChoices {
  blogs: Blog[];
  /** The people the form's person selects offer: `chosen` and the matches for `query`, capped. */
  people: PersonChoice[];
  /** More people match than are offered; searching narrows the list. */
  morePeople: boolean;
}

/**
 * Blogs the actor may put a post in, and the people to pick authors and contacts from: those
 * matching `query` (or the first by name), capped, and always the people already `chosen`.
 */
export async function listEditorChoices(
  db: Db,
  actor: Actor,
  picker: { query?: string; chosenIds?: readonly string[] } = {},
): Promise<EditorChoices> {
  const [blogs, found] = await Promise.all([listBlogs(db), listPickerPeople(db, picker)]);
  const people = found.people.map((p) => ({ id: p.id, name: p.name, jobTitle: p.jobTitle, organisation: p.organisation }));
  return { blogs: blogs.filter((b) => canPostInBlog(actor, b.id)), people, morePeople: found.more };
}

export async function listFilterChoices(
  db: Db,
  actor: Actor,
): Promise<{ blogs: Blog[]; authors: { id: string; name: string }[]; tags: { id: string; slug: string; name: string }[] }> {
  const scope = scopeOf(actor);
  const [blogs, authors, tags] = await Promise.all([listBlogs(db), listAuthorChoices(db, scope), listTagChoices(db, scope)]);
  const { blogIds } = scope;
  return { blogs: blogIds ? blogs.filter((b) => blogIds.includes(b.id)) : blogs, authors, tags };
}

/** The stored status and time a status action gives, for a new post or `existing`. */
export function resolveStatus(
  action: StatusAction,
  publishAt: Date | null | undefined,
  existing: { status: PostStatus; publishedAt: string | null } | undefined,
  now: Date,
): { status: PostStatus; publishedAt: Date | null } {
  const current = existing?.publishedAt ? new Date(existing.publishedAt) : null;
  if (action === 'draft') return { status: 'draft', publishedAt: current };
  // Publishing keeps the date of a post that is out already; anything else goes out now.
  if (action === 'publish') return { status: 'published', publishedAt: existing?.status === 'published' && current ? current : now };
  const at = publishAt ?? null;
  return { status: at && at.getTime() > now.getTime() ? 'scheduled' : 'published', publishedAt: at };
}

/**
 * Every problem with `input` at once, keyed as validatePostInput keys them; guests' problems as
 * `authors.<i>.<field>`. Empty when the input may be saved (the slug's uniqueness is checked on save).
 */
/** What the editor's checks can report: the post's and its guests' field problems, and an author leaving themself out. */
export type AdminPostProblem = PostInputProblem | PersonInputProblem | 'must_include_you';

export function checkAdminPostInput(actor: Actor, input: AdminPostInput): Record<string, AdminPostProblem> {
  const problems: Record<string, AdminPostProblem> = {};
  input.authors.forEach((author, i) => {
    if (!author.guest) return;
    for (const [field, code] of Object.entries(personInputProblems(author.guest))) problems[`authors.${i}.${field}`] = code;
  });
  const placeholderAuthors = input.authors.map((a, i) => ({
    personId: a.personId ?? `guest:${i}`,
    bylineNote: a.bylineNote ?? '',
    jobTitle: a.jobTitle ?? '',
    organisation: a.organisation ?? '',
  }));
  const slug = input.slug?.trim() || slugify(input.title) || 'x';
  Object.assign(problems, postInputProblems({ ...input, authors: placeholderAuthors, status: 'draft', publishedAt: null }, slug));
  if (input.statusAction === 'schedule' && !input.publishAt) problems.publishedAt = 'required';
  // An author who left themself out would lose the post the moment it is saved.
  if (actor.role === 'author' && !problems.authors && !input.authors.some((a) => a.personId === actor.personId))
    problems.authors = 'must_include_you';
  return problems;
}

export interface SaveResult {
  post: Post;
  /** Audit actions written, e.g. post.update and post.publish. */
  actions: string[];
}

function statusActions(before: { status: PostStatus; publishedAt: string | null } | undefined, after: Post): string[] {
  const actions: string[] = [];
  const was = before?.status;
  if (after.status === 'published' && was !== 'published') actions.push('post.publish');
  if (after.status === 'scheduled' && (was !== 'scheduled' || before?.publishedAt !== after.publishedAt?.toISOString()))
    actions.push('post.schedule');
  if (after.status === 'draft' && (was === 'published' || was === 'scheduled')) actions.push('post.unpublish');
  return actions;
}

/**
 * Creates (no `id`) or updates a post from the editor: creates the guests as people, saves,
 * writes a revision and the audit entries, all in one transaction. Throws forbidden, invalid
 * (keys as checkAdminPostInput), conflict (slug) or not-found.
 */
export async function saveAdminPost(
  db: Db,
  actor: Actor,
  id: string | undefined,
  input: AdminPostInput,
  now = new Date(),
): Promise<SaveResult> {
  allow(canWritePosts(actor));
  const problems = checkAdminPostInput(actor, input);
  if (Object.keys(problems).length) throw invalid(problems);
  return inTransaction(db, async (trx) => {
    const existing = id ? await getEditablePost(trx, id) : undefined;
    if (existing) allow(canEditPost(actor, policySubject(existing)));
    if (!existing || existing.blogId !== input.blogId) allow(canPostInBlog(actor, input.blogId));
    // Two people (or two tabs) in one post: the later save would silently undo the earlier one.
    if (existing && savedSince(existing.updatedAt, input.expectedVersion))
      throw conflict('The post was saved by someone else meanwhile', 'version');
    const authors: PostInput['authors'] = [];
    for (const author of input.authors) {
      const personId = author.guest ? (await createPerson(trx, author.guest, now)).id : author.personId!;
      authors.push({
        personId,
        bylineNote: author.bylineNote ?? '',
        jobTitle: author.jobTitle ?? '',
        organisation: author.organisation ?? '',
      });
    }
    const { statusAction: _a, publishAt: _p, featuredImage, expectedVersion: _v, ...rest } = input;
    const postInput: PostInput = { ...rest, authors, ...resolveStatus(input.statusAction, input.publishAt, existing, now) };
    const post = existing ? await updatePost(trx, existing.id, postInput, now) : await createPost(trx, postInput, now);
    // Set before the revision is taken, so the revision holds the image the post now shows.
    if (featuredImage) await setFeaturedImage(trx, post.id, featuredImage);
    const actions = [existing ? 'post.update' : 'post.create', ...statusActions(existing, post)];
    await recordRevision(trx, post.id, actor.accountId, 'save', snapshotOf(await getEditablePost(trx, post.id)), now);
    for (const action of actions) await audit(trx, actor, action, { type: 'post', id: post.id, summary: post.title }, now);
    return { post, actions };
  });
}

/**
 * Keeps what the editor holds without publishing anything: always a revision of kind
 * autosave; a draft is updated too when the input is complete. Guests are not created here.
 */
export async function autosavePost(
  db: Db,
  actor: Actor,
  id: string,
  input: AdminPostInput,
  now = new Date(),
): Promise<{ revisionId: string; updatedPost: boolean; holdsForm: boolean; title: string; version?: string }> {
  return inTransaction(db, async (trx) => {
    const existing = await getPostToEdit(trx, actor, id);
    const known = input.authors.filter((a): a is AdminAuthorInput & { personId: string } => Boolean(a.personId) && !a.guest);
    const draft = { ...input, authors: known, statusAction: 'draft' as const, publishAt: null };
    const snapshot: PostSnapshot = {
      blogId: existing.blogId,
      title: draft.title,
      slug: draft.slug?.trim() || existing.slug,
      lead: draft.lead ?? '',
      body: draft.body ?? '',
      status: existing.status,
      publishedAt: existing.publishedAt,
      commentsOpen: draft.commentsOpen !== false,
      authors: known.map((a) => ({
        personId: a.personId,
        bylineNote: a.bylineNote ?? '',
        jobTitle: a.jobTitle ?? '',
        organisation: a.organisation ?? '',
      })),
      tags: draft.tags ?? [],
      relatedLinks: (draft.relatedLinks ?? []).map((l) => ({ title: l.title, url: l.url, description: l.description ?? '' })),
      infoBoxes: (draft.infoBoxes ?? []).map((b) => ({
        heading: b.heading,
        body: b.body ?? '',
        contacts: b.contacts.map((c) => ({
          personId: c.personId ?? null,
          name: c.name ?? '',
          role: c.role ?? '',
          phone: c.phone ?? '',
          email: c.email ?? '',
        })),
      })),
      featuredImage: input.featuredImage ?? existing.featuredImage,
    };
    const revisionId = await recordRevision(trx, id, actor.accountId, 'autosave', snapshot, now);
    let updatedPost = false;
    // The post's title as the editor shows it after a reload: a draft's new one, or the one it kept.
    let title = existing.title;
    // The draft's new updatedAt, for the editor to send with its next save: only when it is this editor's text.
    let version: string | undefined;
    let imageHeld = !input.featuredImage;
    const sameBlog = draft.blogId === existing.blogId;
    if (
      existing.status === 'draft' &&
      sameBlog &&
      known.length &&
      // Saved by someone else since this editor opened: their draft stays, this one is in the revision.
      !savedSince(existing.updatedAt, input.expectedVersion) &&
      Object.keys(checkAdminPostInput(actor, draft)).length === 0
    ) {
      const { statusAction: _a, publishAt: _p, featuredImage, expectedVersion: _v, ...rest } = draft;
      try {
        const updated = await updatePost(
          trx,
          id,
          { ...rest, status: 'draft', publishedAt: existing.publishedAt ? new Date(existing.publishedAt) : null },
          now,
          // The form still holds the old address; it moves with the title when the person saves.
          { followTitle: false },
        );
        title = updated.title;
        version = updated.updatedAt.toISOString();
        // An image without its alt text yet stays in the autosave only, like an incomplete draft.
        if (featuredImage && Object.keys(await checkFeaturedImage(trx, featuredImage)).length === 0) {
          await setFeaturedImage(trx, id, featuredImage);
          imageHeld = true;
        }
        updatedPost = true;
      } catch (error) {
        // A taken slug or a person deleted meanwhile: the revision is kept, the proper save will say what is wrong.
        if (!(error instanceof AppError)) throw error;
      }
    }
    // Whether leaving the editor now loses nothing: guests are made only by the save button, and an
    // image without its alt text stays in the revision.
    const holdsForm = updatedPost && imageHeld && known.length === input.authors.length;
    return { revisionId, updatedPost, holdsForm, title, ...(version ? { version } : {}) };
  });
}

/**
 * Brings back a revision's content (title, lead, body, authors, tags, links, boxes, featured
 * image, comments setting) while keeping the post's blog, address and status; writes a revision of kind restore.
 */
export async function restoreRevision(db: Db, actor: Actor, postId: string, revisionId: string, now = new Date()): Promise<Post> {
  return inTransaction(db, async (trx) => {
    const existing = await getPostToEdit(trx, actor, postId);
    const { snapshot } = await getRevision(trx, postId, revisionId);
    const stillThere = new Set(
      (
        await findPeopleByIds(
          trx,
          snapshot.authors.map((a) => a.personId),
        )
      ).map((p) => p.id),
    );
    let authors = snapshot.authors.filter((a) => stillThere.has(a.personId));
    if (authors.length === 0) authors = existing.authors.map(({ name: _name, ...author }) => author);
    // An author restoring a version from before they joined stays on the post they are editing.
    if (actor.role === 'author' && !authors.some((a) => a.personId === actor.personId))
      authors.push({ personId: actor.personId, bylineNote: '', jobTitle: '', organisation: '' });
    const contactIds = new Set(
      (
        await findPeopleByIds(
          trx,
          snapshot.infoBoxes.flatMap((b) => b.contacts.flatMap((c) => c.personId ?? [])),
        )
      ).map((p) => p.id),
    );
    const post = await updatePost(
      trx,
      postId,
      {
        blogId: existing.blogId,
        slug: existing.slug,
        status: existing.status,
        publishedAt: existing.publishedAt ? new Date(existing.publishedAt) : null,
        title: snapshot.title,
        lead: snapshot.lead,
        body: snapshot.body,
        commentsOpen: snapshot.commentsOpen,
        authors,
        tags: snapshot.tags,
        relatedLinks: snapshot.relatedLinks,
        infoBoxes: snapshot.infoBoxes.map((b) => ({
          ...b,
          contacts: b.contacts.map((c) => ({ ...c, personId: c.personId && contactIds.has(c.personId) ? c.personId : null })),
        })),
      },
      now,
      { followTitle: false },
    );
    // An image since deleted from the library (or an autosave's image without alt text yet) leaves the post's image as it is.
    const featured = snapshot.featuredImage;
    if (featured && Object.keys(await checkFeaturedImage(trx, featured)).length === 0) await setFeaturedImage(trx, postId, featured);
    await recordRevision(
      trx,
      postId,
      actor.accountId,
      'restore' satisfies RevisionKind,
      snapshotOf(await getEditablePost(trx, postId)),
      now,
    );
    await audit(trx, actor, 'post.restore-revision', { type: 'post', id: postId, summary: post.title }, now);
    return post;
  });
}

/** A post made outside the editor (demo content, an import) gets its first revision, so its history starts where it did. */
export async function recordFirstRevision(db: Db, postId: string, now = new Date()): Promise<void> {
  await recordRevision(db, postId, null, 'save', snapshotOf(await getEditablePost(db, postId)), now);
}

/** recordFirstRevision for posts createPosts just made, from what it stored rather than reading each back. */
export async function recordFirstRevisions(db: Db, created: readonly CreatedPost[], now = new Date()): Promise<void> {
  await insertRevisionRows(
    db,
    created.map(({ post, tags, authors }) => {
      const snapshot: PostSnapshot = {
        blogId: post.blogId,
        title: post.title,
        slug: post.slug,
        lead: post.lead,
        body: post.body,
        status: post.status,
        publishedAt: post.publishedAt?.toISOString() ?? null,
        commentsOpen: post.commentsOpen,
        authors,
        tags: tags.map((t) => t.name),
        relatedLinks: [],
        infoBoxes: [],
        featuredImage: { uploadId: '', alt: '', caption: '', credit: '' },
      };
      return {
        id: newId(now.getTime()),
        post_id: post.id,
        created_at: now.toISOString(),
        account_id: null,
        kind: 'save',
        snapshot: JSON.stringify(snapshot),
      };
    }),
  );
}

export async function deleteAdminPost(db: Db, actor: Actor, id: string, now = new Date()): Promise<void> {
  await inTransaction(db, async (trx) => {
    const existing = await getPostToEdit(trx, actor, id);
    await deletePost(trx, id, now);
    await audit(trx, actor, 'post.delete', { type: 'post', id, summary: existing.title }, now);
  });
}
