/** Revisions: a snapshot of a post's editable fields at every save, autosave and restore. */
import { notFound } from '../errors.js';
import { newId } from '../shared/ids.js';
import type { Db } from '../storage/db.js';
import { POST_STATUSES, type PostStatus } from './post.js';
import {
  deleteRevisionRow,
  findLatestRevisionRow,
  findRevisionRow,
  insertRevisionRow,
  listRevisionRows,
  updateRevisionRow,
  type PostRevisionRow,
  type RevisionListRow,
} from './post-revision.repository.js';

export type RevisionKind = PostRevisionRow['kind'];
export type { RevisionListRow };

/** A post's featured image as the editor sets it; uploadId '' is no image. */
export interface FeaturedSnapshot {
  uploadId: string;
  alt: string;
  caption: string;
  credit: string;
}

/** Everything the editor edits, as stored in a revision. */
export interface PostSnapshot {
  blogId: string;
  title: string;
  slug: string;
  lead: string;
  body: string;
  status: PostStatus;
  publishedAt: string | null;
  commentsOpen: boolean;
  authors: { personId: string; bylineNote: string; jobTitle: string; organisation: string }[];
  tags: string[];
  relatedLinks: { title: string; url: string; description: string }[];
  infoBoxes: {
    heading: string;
    body: string;
    contacts: { personId: string | null; name: string; role: string; phone: string; email: string }[];
  }[];
  /** Undefined in revisions written before the featured image was recorded: restoring one leaves the image as it is. */
  featuredImage?: FeaturedSnapshot;
}

export interface Revision {
  id: string;
  postId: string;
  createdAt: Date;
  kind: RevisionKind;
  accountId: string | null;
  snapshot: PostSnapshot;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];

/** Reads a stored snapshot defensively: a revision written by an older version still opens. */
export function parseSnapshot(json: string): PostSnapshot {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed === 'object' && parsed !== null) raw = parsed as Record<string, unknown>;
  } catch {
    // An unreadable snapshot shows as empty rather than breaking the revisions page.
  }
  const status = POST_STATUSES.includes(raw.status as PostStatus) ? (raw.status as PostStatus) : 'draft';
  return {
    blogId: str(raw.blogId),
    title: str(raw.title),
    slug: str(raw.slug),
    lead: str(raw.lead),
    body: str(raw.body),
    status,
    publishedAt: typeof raw.publishedAt === 'string' ? raw.publishedAt : null,
    commentsOpen: raw.commentsOpen !== false,
    authors: list(raw.authors)
      .map((a) => ({
        personId: str(a.personId),
        bylineNote: str(a.bylineNote),
        jobTitle: str(a.jobTitle),
        organisation: str(a.organisation),
      }))
      .filter((a) => a.personId),
    tags: Array.isArray(raw.tags) ? raw.tags.filter((t): t is string => typeof t === 'string') : [],
    relatedLinks: list(raw.relatedLinks).map((l) => ({ title: str(l.title), url: str(l.url), description: str(l.description) })),
    infoBoxes: list(raw.infoBoxes).map((b) => ({
      heading: str(b.heading),
      body: str(b.body),
      contacts: list(b.contacts).map((c) => ({
        personId: typeof c.personId === 'string' && c.personId ? c.personId : null,
        name: str(c.name),
        role: str(c.role),
        phone: str(c.phone),
        email: str(c.email),
      })),
    })),
    ...(typeof raw.featuredImage === 'object' && raw.featuredImage !== null ? { featuredImage: featuredOf(raw.featuredImage) } : {}),
  };
}

function featuredOf(raw: object): FeaturedSnapshot {
  const f = raw as Record<string, unknown>;
  return { uploadId: str(f.uploadId), alt: str(f.alt), caption: str(f.caption), credit: str(f.credit) };
}

/** Whether two featured images differ in anything a reader would see; an unrecorded side differs from nothing. */
export function featuredDiffers(a: FeaturedSnapshot | undefined, b: FeaturedSnapshot | undefined): boolean {
  if (!a || !b) return false;
  if (!a.uploadId && !b.uploadId) return false;
  return a.uploadId !== b.uploadId || a.alt !== b.alt || a.caption !== b.caption || a.credit !== b.credit;
}

const toRevision = (row: PostRevisionRow): Revision => ({
  id: row.id,
  postId: row.post_id,
  createdAt: new Date(row.created_at),
  kind: row.kind,
  accountId: row.account_id,
  snapshot: parseSnapshot(row.snapshot),
});

/**
 * Stores a snapshot. An autosave right after another autosave by the same account replaces it,
 * so typing for an hour leaves one autosave rather than a hundred and eighty.
 */
export async function recordRevision(
  db: Db,
  postId: string,
  accountId: string | null,
  kind: RevisionKind,
  snapshot: PostSnapshot,
  now = new Date(),
): Promise<string> {
  const json = JSON.stringify(snapshot);
  if (kind === 'autosave') {
    const latest = await findLatestRevisionRow(db, postId);
    if (latest && latest.kind === 'autosave' && latest.account_id === accountId) {
      await updateRevisionRow(db, latest.id, { snapshot: json, created_at: now.toISOString() });
      return latest.id;
    }
  }
  const id = newId(now.getTime());
  await insertRevisionRow(db, { id, post_id: postId, created_at: now.toISOString(), account_id: accountId, kind, snapshot: json });
  return id;
}

export async function listRevisions(db: Db, postId: string, limit = 200): Promise<RevisionListRow[]> {
  return listRevisionRows(db, postId, limit);
}

/** Throws not-found, also for a revision of another post. */
export async function getRevision(db: Db, postId: string, id: string): Promise<Revision> {
  const row = await findRevisionRow(db, postId, id);
  if (!row) throw notFound('Revision');
  return toRevision(row);
}

/**
 * The latest autosave when it is newer than the post's saved version and differs from it in what
 * the editor shows, for the editor to offer back; undefined otherwise.
 */
export async function findNewerAutosave(
  db: Db,
  post: { id: string; updatedAt: Date; title: string; lead: string; body: string; featuredImage?: FeaturedSnapshot },
): Promise<Revision | undefined> {
  const row = await findLatestRevisionRow(db, post.id);
  if (!row || row.kind !== 'autosave' || new Date(row.created_at).getTime() <= post.updatedAt.getTime()) return undefined;
  const revision = toRevision(row);
  const { title, lead, body, featuredImage } = revision.snapshot;
  const same = title === post.title && lead === post.lead && body === post.body && !featuredDiffers(featuredImage, post.featuredImage);
  return same ? undefined : revision;
}

/** Drops an autosave the person chose not to restore; other kinds of revision are history and stay. */
export async function discardAutosave(db: Db, postId: string, id: string): Promise<void> {
  const revision = await getRevision(db, postId, id);
  if (revision.kind === 'autosave') await deleteRevisionRow(db, postId, id);
}
