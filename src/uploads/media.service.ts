/**
 * The media library and featured images (issue 13): browse and search uploads, see where each is
 * used, delete an unused one, and give a post a featured image with its alt text, caption and credit.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { canEditPost, canWritePosts, type Actor } from '../accounts/account.js';
import { audit } from '../accounts/account.service.js';
import { AppError, conflict, invalid, notFound, pastLastPage } from '../errors.js';
import { editPerson } from '../people/person-admin.service.js';
import { getPerson } from '../people/person.service.js';
import type { Db } from '../storage/db.js';
import {
  countUploadRows,
  deleteUploadRow,
  findFeaturedColumns,
  findFeaturedRows,
  findPostScopes,
  findUsageRows,
  listUploadRows,
  updateFeaturedColumns,
  type UsageRows,
} from './media.repository.js';
import { findUploadRowById, findUploadRowsByIds } from './upload.repository.js';
import { bodyImageOf, toUpload, uploadFileNames, uploadIdsIn, type BodyImage, type Upload } from './upload.service.js';

export const FEATURED_LIMITS = { alt: 300, caption: 500, credit: 200 } as const;

/** A post's featured image, ready for a page, a feed or structured data (addresses relative to the site). */
export interface FeaturedImage {
  uploadId: string;
  alt: string;
  caption: string;
  credit: string;
  width: number;
  height: number;
  /** The copy to put in `src` (the widest page copy), and the srcsets for <img> and <source type="image/webp">. */
  src: string;
  srcset: string;
  webpSrcset: string;
  /** AVIF copies once the background job has made them, else ''. */
  avifSrcset: string;
  /** The smallest copy, for list thumbnails. */
  thumbnailUrl: string;
  /** The stored file itself, with its type and size: what a feed's enclosure points at. */
  original: { url: string; contentType: string; bytes: number };
  /** The copy for sharing cards (og:image), with its size. */
  share: { url: string; width: number; height: number };
}

/** Where an upload is used; posts the viewer may not edit are counted in `otherPosts`, not named. */
export type UploadUsage = UsageRows & { otherPosts: number };

export interface LibraryItem extends Upload {
  usage: UploadUsage;
  used: boolean;
}

const isUsed = (usage: UploadUsage) => usage.featured.length + usage.bodies.length + usage.people.length + usage.otherPosts > 0;

/**
 * The library is the whole site's, but an editor of one blog or an author must not learn the titles
 * of posts (drafts included) they cannot open: those are only counted.
 */
async function usageSeenBy(db: Db, actor: Actor, usage: Map<string, UsageRows>): Promise<Map<string, UploadUsage>> {
  const postIds = [...usage.values()].flatMap((u) => [...u.featured, ...u.bodies].map((p) => p.id));
  const scopes = actor.role === 'admin' ? undefined : await findPostScopes(db, [...new Set(postIds)]);
  const mayOpen = (id: string) => !scopes || (scopes.has(id) && canEditPost(actor, scopes.get(id)!));
  const result = new Map<string, UploadUsage>();
  for (const [id, u] of usage) {
    const hidden = new Set([...u.featured, ...u.bodies].filter((p) => !mayOpen(p.id)).map((p) => p.id));
    result.set(id, {
      featured: u.featured.filter((p) => mayOpen(p.id)),
      bodies: u.bodies.filter((p) => mayOpen(p.id)),
      people: u.people,
      otherPosts: hidden.size,
    });
  }
  return result;
}

function featuredOf(upload: Upload, words: { alt: string; caption: string; credit: string }): FeaturedImage {
  const shareWidth = Math.min(upload.width, 1280);
  return {
    uploadId: upload.id,
    alt: words.alt,
    caption: words.caption,
    credit: words.credit,
    width: upload.width,
    height: upload.height,
    src: upload.url,
    srcset: upload.srcset,
    webpSrcset: upload.webpSrcset,
    avifSrcset: upload.avifSrcset,
    thumbnailUrl: upload.thumbnailUrl,
    original: { url: `/uploads/${upload.fileName}`, contentType: upload.contentType, bytes: upload.bytes },
    share: { url: upload.url, width: shareWidth, height: Math.round((upload.height * shareWidth) / upload.width) },
  };
}

/** The featured images of posts, by post id; posts without one (or whose upload is gone) are absent. */
export async function findFeaturedImages(db: Db, postIds: readonly string[]): Promise<Map<string, FeaturedImage>> {
  const rows = await findFeaturedRows(db, postIds);
  return new Map(
    rows.map((r) => [
      r.post_id,
      featuredOf(toUpload(r.upload), { alt: r.featured_alt, caption: r.featured_caption, credit: r.featured_credit }),
    ]),
  );
}

/**
 * Every upload one post's page shows, in one query: its featured image (the words from the post's
 * own row) and the images its body names, by upload id. Asks nothing when there are none.
 */
export async function findPostImages(
  db: Db,
  post: { body: string; featured_upload_id?: string | null; featured_alt?: string; featured_caption?: string; featured_credit?: string },
): Promise<{ featuredImage?: FeaturedImage; bodyImages: Record<string, BodyImage> }> {
  const bodyIds = uploadIdsIn(post.body);
  const featuredId = post.featured_upload_id ?? undefined;
  const ids = [...new Set([...(featuredId ? [featuredId] : []), ...bodyIds])];
  const uploads = new Map((await findUploadRowsByIds(db, ids)).map((row) => [row.id, toUpload(row)]));
  const bodyImages: Record<string, BodyImage> = {};
  for (const id of bodyIds) {
    const upload = uploads.get(id);
    if (upload) bodyImages[id] = bodyImageOf(upload);
  }
  const featured = featuredId ? uploads.get(featuredId) : undefined;
  if (!featured) return { bodyImages };
  const words = { alt: post.featured_alt ?? '', caption: post.featured_caption ?? '', credit: post.featured_credit ?? '' };
  return { featuredImage: featuredOf(featured, words), bodyImages };
}

/** Adds `featuredImage` to each post that has one. */
export async function withFeaturedImages<T extends { id: string }>(db: Db, posts: T[]): Promise<(T & { featuredImage?: FeaturedImage })[]> {
  const images = await findFeaturedImages(
    db,
    posts.map((p) => p.id),
  );
  return posts.map((p) => {
    const featuredImage = images.get(p.id);
    return featuredImage ? { ...p, featuredImage } : p;
  });
}

export interface FeaturedImageInput {
  /** The upload to show; null or '' removes the featured image. */
  uploadId: string | null;
  alt: string;
  caption?: string;
  credit?: string;
}

const oneLine = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/**
 * The problems with a featured image's fields, by field name (uploadId: unknown; alt: required or
 * too_long; caption, credit: too_long), without writing anything.
 */
export async function checkFeaturedImage(db: Db, input: FeaturedImageInput): Promise<Record<string, string>> {
  const problems: Record<string, string> = {};
  if (!input.uploadId) return problems;
  if (!(await findUploadRowById(db, input.uploadId))) problems.uploadId = 'unknown';
  const alt = oneLine(input.alt);
  if (!alt) problems.alt = 'required';
  else if (alt.length > FEATURED_LIMITS.alt) problems.alt = 'too_long';
  if (oneLine(input.caption).length > FEATURED_LIMITS.caption) problems.caption = 'too_long';
  if (oneLine(input.credit).length > FEATURED_LIMITS.credit) problems.credit = 'too_long';
  return problems;
}

/**
 * Sets (or with uploadId null, removes) a post's featured image. For the editor and importers:
 * the upload must exist (createUpload makes one from a file), the alt text is required.
 * Throws invalid({ uploadId | alt | caption | credit }) or not-found for an unknown post.
 */
export async function setFeaturedImage(db: Db, postId: string, input: FeaturedImageInput): Promise<void> {
  if (!(await findFeaturedColumns(db, postId))) throw notFound('Post');
  const problems = await checkFeaturedImage(db, input);
  if (Object.keys(problems).length) throw invalid(problems);
  await updateFeaturedColumns(
    db,
    postId,
    input.uploadId
      ? {
          featured_upload_id: input.uploadId,
          featured_alt: oneLine(input.alt),
          featured_caption: oneLine(input.caption),
          featured_credit: oneLine(input.credit),
        }
      : { featured_upload_id: null, featured_alt: '', featured_caption: '', featured_credit: '' },
  );
}

/** A post's featured image fields as stored, for the editor. */
export async function getFeaturedImageFields(
  db: Db,
  postId: string,
): Promise<{ uploadId: string; alt: string; caption: string; credit: string }> {
  const row = await findFeaturedColumns(db, postId);
  return {
    uploadId: row?.featured_upload_id ?? '',
    alt: row?.featured_alt ?? '',
    caption: row?.featured_caption ?? '',
    credit: row?.featured_credit ?? '',
  };
}

export async function getUpload(db: Db, id: string): Promise<Upload | undefined> {
  const row = await findUploadRowById(db, id);
  return row && toUpload(row);
}

/** A page of the library, newest first, each upload with where it is used. */
export async function listLibrary(
  db: Db,
  actor: Actor,
  q: string,
  page: number,
  perPage: number,
): Promise<{ items: LibraryItem[]; page: number; pages: number; total: number }> {
  if (!canWritePosts(actor)) throw new AppError('forbidden', 'Your role does not allow the media library');
  const query = q.trim().slice(0, 200);
  const total = await countUploadRows(db, query);
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (page > pages) throw pastLastPage(pages);
  const rows = await listUploadRows(db, query, perPage, (page - 1) * perPage);
  const usage = await usageSeenBy(
    db,
    actor,
    await findUsageRows(
      db,
      rows.map((r) => r.id),
    ),
  );
  const items = rows.map((row) => {
    const u = usage.get(row.id)!;
    return { ...toUpload(row), usage: u, used: isUsed(u) };
  });
  return { items, page, pages, total };
}

/** The newest uploads, for the editor's featured-image picker. */
export async function listRecentUploads(db: Db, limit: number): Promise<Upload[]> {
  return (await listUploadRows(db, '', limit, 0)).map(toUpload);
}

/**
 * Deletes an upload and its files. Refused with conflict (field `used`) while a post or person
 * uses it, so no page loses an image.
 */
export async function deleteUpload(db: Db, uploadsDir: string, actor: Actor, id: string): Promise<void> {
  if (!canWritePosts(actor)) throw new AppError('forbidden', 'Your role does not allow deleting uploads');
  const row = await findUploadRowById(db, id);
  if (!row) throw notFound('Upload');
  const usage = (await findUsageRows(db, [id])).get(id)!;
  if (isUsed({ ...usage, otherPosts: 0 })) throw conflict('The upload is in use', 'used');
  await deleteUploadRow(db, id);
  await audit(db, actor, 'upload.delete', { type: 'upload', id, summary: row.alt || row.file_name });
  await Promise.all(uploadFileNames(row).map((name) => rm(join(uploadsDir, name), { force: true })));
}

/**
 * Deletes those of the uploads `ids` that nothing uses, for the site's own housekeeping (no actor,
 * no audit line of their own). Returns how many went and their files, to remove once the transaction
 * has committed, so a rollback never leaves a row without its files.
 */
export async function deleteUnusedUploads(db: Db, ids: readonly string[]): Promise<{ deleted: number; files: string[] }> {
  const usage = await findUsageRows(db, ids);
  const files: string[] = [];
  let deleted = 0;
  for (const id of ids) {
    const row = await findUploadRowById(db, id);
    if (!row || isUsed({ ...usage.get(id)!, otherPosts: 0 })) continue;
    await deleteUploadRow(db, id);
    files.push(...uploadFileNames(row));
    deleted++;
  }
  return { deleted, files };
}

/** Removes upload files from disk; a file already gone is no error. */
export async function removeUploadFiles(uploadsDir: string, names: readonly string[]): Promise<void> {
  await Promise.all(names.map((name) => rm(join(uploadsDir, name), { force: true })));
}

/**
 * Gives a person an uploaded photo (its smallest copy, which is plenty for a byline or profile
 * box), or with uploadId null none. Throws forbidden, not-found or invalid as editPerson does.
 */
export async function setPersonPhoto(db: Db, actor: Actor, personId: string, uploadId: string | null): Promise<void> {
  const person = await getPerson(db, personId);
  let avatarPath: string | null = null;
  if (uploadId) {
    const upload = await getUpload(db, uploadId);
    if (!upload) throw notFound('Upload');
    avatarPath = upload.thumbnailUrl;
  }
  const { name, initials, jobTitle, organisation, bio, email, phone } = person;
  await editPerson(db, actor, personId, { name, initials, jobTitle, organisation, bio, email, phone, avatarPath });
}
