/** Queries for the admin's post list and editor: every status, filters, and the parts as the form edits them. */
import { sql } from 'kysely';
import type { Db } from '../storage/db.js';
import { foldedContains } from '../storage/text-match.js';
import type { PostStatus } from './post.js';
import { findAuthorsForPosts, findPostRowById, findRelatedLinks, findTagsForPost, type PostRow } from './post.repository.js';

export interface AdminPostQuery {
  /** Limits to these blogs (an editor's scope); undefined means every blog. */
  blogIds?: readonly string[];
  /** Limits to posts this person is an author of (an author's own posts). */
  ownPersonId?: string;
  blogId?: string;
  authorId?: string;
  status?: PostStatus;
  tagId?: string;
  q?: string;
}

export interface AdminPostRow {
  id: string;
  title: string;
  slug: string;
  status: PostStatus;
  publishedAt: Date | null;
  updatedAt: Date;
  blog: { id: string; slug: string; title: string };
  authors: { id: string; name: string }[];
}

const hasAuthor = (personId: string) =>
  sql<boolean>`exists (select 1 from post_authors pa where pa.post_id = posts.id and pa.person_id = ${personId})`;

function adminQuery(db: Db, query: AdminPostQuery) {
  let q = db.selectFrom('posts').innerJoin('blogs', 'blogs.id', 'posts.blog_id').where('posts.deleted_at', 'is', null);
  if (query.blogIds) q = query.blogIds.length ? q.where('posts.blog_id', 'in', query.blogIds) : q.where(sql<boolean>`1 = 0`);
  if (query.ownPersonId) q = q.where(hasAuthor(query.ownPersonId));
  if (query.blogId) q = q.where('posts.blog_id', '=', query.blogId);
  if (query.authorId) q = q.where(hasAuthor(query.authorId));
  if (query.status) q = q.where('posts.status', '=', query.status);
  if (query.tagId) {
    const tagId = query.tagId;
    q = q.where(sql<boolean>`exists (select 1 from post_tags pt where pt.post_id = posts.id and pt.tag_id = ${tagId})`);
  }
  const words = (query.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  // One text per post, so each word folds it once: a word has no space, so none matches across the seams.
  const text = sql<string>`posts.title || ' ' || posts.lead || ' ' || posts.body`;
  for (const word of words) q = q.where(foldedContains(text, word));
  return q;
}

export async function countAdminPosts(db: Db, query: AdminPostQuery): Promise<number> {
  const row = await adminQuery(db, query)
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Newest change first. */
export async function listAdminPosts(db: Db, query: AdminPostQuery, limit: number, offset: number): Promise<AdminPostRow[]> {
  const rows = await adminQuery(db, query)
    .select([
      'posts.id',
      'posts.title',
      'posts.slug',
      'posts.status',
      'posts.published_at',
      'posts.updated_at',
      'blogs.id as blog_id',
      'blogs.slug as blog_slug',
      'blogs.title as blog_title',
    ])
    .orderBy('posts.updated_at', 'desc')
    .orderBy('posts.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  const authors = await findAuthorsForPosts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    slug: row.slug,
    status: row.status,
    publishedAt: row.published_at ? new Date(row.published_at) : null,
    updatedAt: new Date(row.updated_at),
    blog: { id: row.blog_id, slug: row.blog_slug, title: row.blog_title },
    authors: (authors.get(row.id) ?? []).map((a) => ({ id: a.person.id, name: a.person.name })),
  }));
}

export interface EditablePostParts {
  row: PostRow;
  authors: { personId: string; name: string; bylineNote: string; jobTitle: string; organisation: string }[];
  tags: string[];
  relatedLinks: { title: string; url: string; description: string }[];
  infoBoxes: {
    heading: string;
    body: string;
    contacts: { personId: string | null; name: string; role: string; phone: string; email: string }[];
  }[];
}

/** A post with its parts as the editor shows them (contacts keep their person id, not the person's name). */
export async function findEditablePostParts(db: Db, id: string): Promise<EditablePostParts | undefined> {
  const row = await findPostRowById(db, id);
  if (!row) return undefined;
  const [authors, tags, relatedLinks, boxes] = await Promise.all([
    findAuthorsForPosts(db, [id]),
    findTagsForPost(db, id),
    findRelatedLinks(db, id),
    db.selectFrom('info_boxes').select(['id', 'heading', 'body']).where('post_id', '=', id).orderBy('position').execute(),
  ]);
  const contacts =
    boxes.length === 0
      ? []
      : await db
          .selectFrom('info_box_contacts')
          .select(['info_box_id', 'person_id', 'name', 'role', 'phone', 'email'])
          .where(
            'info_box_id',
            'in',
            boxes.map((b) => b.id),
          )
          .orderBy('info_box_id')
          .orderBy('position')
          .execute();
  return {
    row,
    authors: (authors.get(id) ?? []).map((a) => ({
      personId: a.person.id,
      name: a.person.name,
      bylineNote: a.bylineNote,
      jobTitle: a.jobTitle,
      organisation: a.organisation,
    })),
    tags: tags.map((t) => t.name),
    relatedLinks,
    infoBoxes: boxes.map((box) => ({
      heading: box.heading,
      body: box.body,
      contacts: contacts
        .filter((c) => c.info_box_id === box.id)
        .map((c) => ({ personId: c.person_id, name: c.name, role: c.role, phone: c.phone, email: c.email })),
    })),
  };
}

export interface PersonChoice {
  id: string;
  name: string;
  jobTitle: string;
  organisation: string;
}

/** Which posts a choice list may draw from: the same limits as the post list's. */
export type AdminPostScope = Pick<AdminPostQuery, 'blogIds' | 'ownPersonId'>;

/** A condition on the post aliased `p` being within the scope: choice lists name nothing from posts out of reach. */
function inScope(scope: AdminPostScope) {
  const parts = [sql`p.deleted_at is null`];
  if (scope.blogIds) parts.push(scope.blogIds.length ? sql`p.blog_id in (${sql.join(scope.blogIds)})` : sql`1 = 0`);
  if (scope.ownPersonId)
    parts.push(sql`exists (select 1 from post_authors own where own.post_id = p.id and own.person_id = ${scope.ownPersonId})`);
  return sql.join(parts, sql` and `);
}

/** People who are an author of at least one post within the scope, for the list's filter. */
export async function listAuthorChoices(db: Db, scope: AdminPostScope = {}): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('people')
    .select(['people.id', 'people.name'])
    .where(
      sql<boolean>`exists (select 1 from post_authors pa join posts p on p.id = pa.post_id where pa.person_id = people.id and ${inScope(scope)})`,
    )
    .orderBy('people.name')
    .orderBy('people.id')
    .execute();
}

/** Tags of at least one post within the scope, for the list's filter. */
export async function listTagChoices(db: Db, scope: AdminPostScope = {}): Promise<{ id: string; slug: string; name: string }[]> {
  return db
    .selectFrom('tags')
    .select(['tags.id', 'tags.slug', 'tags.name'])
    .where(
      sql<boolean>`exists (select 1 from post_tags pt join posts p on p.id = pt.post_id where pt.tag_id = tags.id and ${inScope(scope)})`,
    )
    .orderBy('tags.name')
    .orderBy('tags.id')
    .execute();
}
