/** Imports a WordPress export into one blog through the services, in one transaction, streaming the file. */
import { stat } from 'node:fs/promises';
import { withFileChunks } from './files.js';
import { RESERVED_SLUGS } from '../blogs/blog.js';
import { createBlog, getBlogBySlug } from '../blogs/blog.service.js';
import { placeReply } from '../comments/comment.js';
import { emailHashOf } from '../comments/comment.service.js';
import { AppError } from '../errors.js';
import { feedPaths } from '../feeds/feed-links.js';
import { updatePersonRow } from '../people/person.repository.js';
import { createPerson, getPerson } from '../people/person.service.js';
import { LIMITS, postPath, validatePostInput } from '../posts/post.js';
import { getEditablePost, recordFirstRevision, recordFirstRevisions, snapshotOf, type EditablePost } from '../posts/post-admin.service.js';
import { createPosts, findTag, tagSlugOf, takenPostSlugs, updatePost, type NewPost } from '../posts/post.service.js';
import { addRedirects, redirectKey, type RedirectToAdd } from '../redirects/redirect.service.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { isSlug, slugify } from '../shared/slug.js';
import { inTransaction, type Db } from '../storage/db.js';
import { readWxr, WxrParseError, type WxrAuthor, type WxrComment, type WxrItem, type WxrSite, type WxrTerm } from './formats/wxr.js';
import { commentHtmlToText, cut, plainLine, postHtmlToMarkdown } from './html.js';
import { emptyReport, ImportError, increment, type ImportProgress, type ImportReport } from './import-report.js';
import {
  findImportTarget,
  findImportTargets,
  insertImportTarget,
  insertImportTargets,
  type SourceKey,
} from './import-source.repository.js';
import { addToCommentCounts, findCommentPlaces, insertImportedComments, type ImportedCommentRow } from './imported-comments.repository.js';
import { newId } from '../shared/ids.js';
import { normaliseEmail } from '../shared/keyed-hash.js';
import { isEmailAddress } from '../shared/email-obfuscation.js';
import { setFeaturedImage } from '../uploads/media.service.js';
import type { Upload } from '../uploads/upload.service.js';
import { emptyMediaReport, imagesInMarkdown, MediaImporter, rewriteMarkdown, type MediaImportOptions } from './media-import.js';
import {
  bylineOf,
  guestLogins,
  COMMENT_STATUS,
  languageOf,
  oldPathOf,
  otherPermalinks,
  parseWpDate,
  PINGS,
  siteKey,
  slugFromPostName,
  statusOf,
  tagsOf,
  threadOrder,
  titleOf,
} from './wordpress-mapping.js';

// The report and the mapping were split out of this file; callers that know them from here still find them.
export { formatImportReport, ImportError, type ImportProgress, type ImportReport } from './import-report.js';

export interface WxrImportOptions {
  /** The blog to import into; created (owned by the export's first author) when missing. */
  blogSlug?: string;
  /** The site secret, which keys the commenters' e-mail hashes. */
  secret: string;
  now?: Date;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Import the images too (attachments, images the posts show, featured images), stored in
   * `uploadsDir`. Without it images keep pointing at the old site.
   */
  media?: MediaImportOptions;
}

interface ImportState {
  trx: Db;
  options: WxrImportOptions;
  now: Date;
  maxDepth: number;
  site?: WxrSite;
  source: string;
  people: Map<string, { personId: string; wpId: string }>;
  firstPersonId?: string;
  /** People this import made (an export's guest mark is given to them, never to people already here). */
  madeHere: Set<string>;
  blog?: { id: string; slug: string };
  report: ImportReport;
  /** Categories and tags, and attachment pages, whose old addresses are redirected once every post is in. */
  terms: WxrTerm[];
  attachments: { link: string; postId: string; parent: string }[];
  /** WordPress post id → the Ytring path of a post imported (published) in this run. */
  postPaths: Map<string, string>;
  /** Posts, redirects and comments read but not yet written (see flushPending), in that order. */
  pending: {
    posts: PendingPost[];
    /** WordPress post id → Ytring id, for the posts above. */
    postIds: Map<string, string>;
    /** Body characters among the posts above: a site of long posts is written in smaller batches. */
    postChars: number;
    redirects: RedirectToAdd[];
    comments: ImportedCommentRow[];
    targets: { key: SourceKey; targetId: string; at: string }[];
    /** WordPress comment id → Ytring id, for the rows above. */
    commentIds: Map<string, string>;
    /** Post id → approved comments among the rows above. */
    approved: Map<string, number>;
  };
  media?: {
    importer: MediaImporter;
    /** The old site's host names (without www.), whose image addresses in posts are imported. */
    hosts: Set<string>;
    /** WordPress attachment id → its file, alt text and title, for featured images and the library. */
    attachments: Map<string, { url: string; file: string; alt: string; title: string }>;
    /** Posts imported in this run with a WordPress featured image (_thumbnail_id), set once every attachment is known. */
    featured: { postId: string; attachmentId: string; title: string }[];
  };
}

/** A post read and checked, written with the next batch (createPosts), with what the import does once it has its address. */
interface PendingPost {
  id: string;
  key: SourceKey;
  input: NewPost;
  createdAt: Date;
  item: WxrItem;
}

async function importAuthor(state: ImportState, author: WxrAuthor): Promise<void> {
  const key = { source: state.source, kind: 'author', sourceId: author.login || author.id };
  if (!key.sourceId) return;
  let personId = await findImportTarget(state.trx, key);
  if (personId) {
    state.report.alreadyImported.people++;
  } else {
    const name = cut(plainLine(author.displayName) || plainLine(`${author.firstName} ${author.lastName}`) || author.login, 120);
    const person = await createPerson(
      state.trx,
      {
        name,
        slug: slugify(name) || slugify(author.login) || 'author',
        email: isEmailAddress(author.email) ? author.email : null,
      },
      state.now,
    );
    personId = person.id;
    state.madeHere.add(personId);
    await insertImportTarget(state.trx, key, personId, state.now.toISOString());
    state.report.imported.people++;
  }
  state.people.set(author.login, { personId, wpId: author.id });
  state.firstPersonId ??= personId;
  // WordPress's author page is /author/<nicename>, the login made lower-case with spaces as hyphens.
  if (author.login) {
    const nicename = author.login.toLowerCase().replace(/[^a-z0-9_.@-]+/g, '-');
    await addRedirectCounted(
      state,
      `/author/${encodeURIComponent(nicename)}`,
      `/authors/${(await getPerson(state.trx, personId)).slug}`,
      true,
    );
  }
}

/** The post's author; a creator the export does not list goes to its first author (or becomes one if it lists none). */
async function authorOf(state: ImportState, creator: string): Promise<{ personId: string; wpId: string }> {
  const known = state.people.get(creator);
  if (known) return known;
  if (state.firstPersonId) {
    increment(state.report.adjusted, 'item whose author is not in the export, given to the first author');
    return { personId: state.firstPersonId, wpId: '' };
  }
  await importAuthor(state, {
    id: '',
    login: creator || 'wordpress',
    email: '',
    displayName: creator || 'WordPress',
    firstName: '',
    lastName: '',
  });
  return state.people.get(creator || 'wordpress')!;
}

/**
 * The post's byline: its author, or, from a site with the Co-Authors Plus plugin, every author its
 * `author` terms name (by login), in their order. A term naming no author of the export (one of the
 * plugin's own guest authors) is left out and reported; with none known, the author stands alone.
 */
async function bylineAuthors(state: ImportState, item: WxrItem, author: { personId: string }): Promise<NewPost['authors']> {
  // Our own export marks invited guest experts; the mark goes to the people this import made.
  for (const login of guestLogins(item)) {
    const personId = state.people.get(login)?.personId;
    if (personId && state.madeHere.delete(personId)) await updatePersonRow(state.trx, personId, { is_guest: 1 });
  }
  const people = item.terms
    .filter((t) => t.domain === 'author')
    .flatMap((term) => {
      // Named by the login; the slug is "cap-" and the user's nicename, the same for most logins.
      const login = [term.name.trim(), term.nicename.replace(/^cap-/, '')].find((l) => state.people.has(l));
      if (login === undefined) increment(state.report.adjusted, 'co-author not among the export’s authors, left out');
      return login === undefined ? [] : [{ personId: state.people.get(login)!.personId, ...bylineOf(item, login) }];
    });
  const byline = people.filter((p, i) => people.findIndex((q) => q.personId === p.personId) === i);
  return byline.length > 0 ? byline : [{ personId: author.personId, ...bylineOf(item, item.creator) }];
}

async function ensureBlog(state: ImportState, ownerId: string): Promise<{ id: string; slug: string }> {
  if (state.blog) return state.blog;
  const site = state.site!;
  const title = cut(plainLine(site.title), 120);
  let slug = state.options.blogSlug;
  if (!slug) {
    let host = '';
    try {
      host = new URL(site.link || site.baseBlogUrl).hostname.replace(/^www\./, '');
    } catch {
      /* no address */
    }
    slug = slugify(title) || slugify(host) || 'imported';
    if (RESERVED_SLUGS.has(slug)) slug = `${slug}-blog`;
  }
  try {
    const existing = await getBlogBySlug(state.trx, slug);
    state.blog = { id: existing.id, slug: existing.slug };
    state.report.blog = { slug: existing.slug, title: existing.title, created: false };
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'not_found')) throw error;
    const created = await createBlog(
      state.trx,
      {
        slug,
        title: title || slug,
        description: cut(plainLine(site.description), 2000),
        ownerIds: [ownerId],
      },
      state.now,
    );
    state.blog = { id: created.id, slug: created.slug };
    state.report.blog = { slug: created.slug, title: created.title, created: true };
  }
  return state.blog;
}

const slugTry = (base: string, n: number) => (n === 1 ? base : `${base.slice(0, 90)}-${n}`);

/**
 * Gives each post the first of `slug`, `slug-2` … that neither the blog nor an earlier post of the
 * batch has, as creating them one at a time would. The first few tries are asked for at once.
 */
async function chooseFreeSlugs(state: ImportState, blogId: string, posts: readonly PendingPost[]): Promise<void> {
  const taken = await takenPostSlugs(
    state.trx,
    blogId,
    posts.flatMap(({ input }) => [1, 2, 3, 4].map((n) => slugTry(input.slug, n))),
  );
  const asked = new Set(posts.flatMap(({ input }) => [1, 2, 3, 4].map((n) => slugTry(input.slug, n))));
  for (const { input } of posts) {
    const base = input.slug;
    for (let n = 1; ; n++) {
      const slug = slugTry(base, n);
      if (!asked.has(slug)) {
        asked.add(slug);
        if ((await takenPostSlugs(state.trx, blogId, [slug])).size > 0) taken.add(slug);
      }
      if (taken.has(slug)) continue;
      taken.add(slug);
      input.slug = slug;
      break;
    }
  }
}

/**
 * Records an old address. One the export names (a post's link, its id) wins over what was there; a
 * guessed one (another permalink structure, a feed) never displaces an existing redirect. An
 * address already leading to `to` (an earlier run of the same import) is left alone and not counted.
 */
async function addRedirectCounted(state: ImportState, from: string | undefined, to: string, guessed = false): Promise<void> {
  if (!from || from === '/' || from === to) return;
  // Written (and counted) with the next batch, in this order: see addRedirects.
  state.pending.redirects.push({ from, to, guessed });
  if (state.pending.redirects.length >= FLUSH_ROWS) await flushPending(state);
}

/**
 * Old category, tag, feed and attachment addresses → the nearest page: the tag, the post, else the
 * blog. All count as guesses, so an address another import already answers keeps its target.
 */
async function redirectOldPages(state: ImportState): Promise<void> {
  const blog = state.blog;
  if (!blog) return;
  const blogPath = `/${blog.slug}`;
  const byId = new Map(state.terms.filter((t) => t.taxonomy === 'category').map((t) => [t.id, t]));
  for (const term of state.terms) {
    const name = cut(plainLine(term.name), LIMITS.tag);
    const tag = name ? await findTag(state.trx, tagSlugOf(name)) : undefined;
    const to = tag ? `/tags/${tag.slug}` : blogPath;
    if (term.taxonomy === 'post_tag') {
      await addRedirectCounted(state, `/tag/${term.slug}`, to, true);
      continue;
    }
    await addRedirectCounted(state, `/category/${term.slug}`, to, true);
    // A subcategory's address names its parents too: /category/parent/child/.
    const chain = [term.slug];
    for (let parent = byId.get(term.parent), hops = 0; parent && hops < 20; parent = byId.get(parent.parent), hops++)
      chain.unshift(parent.slug);
    if (chain.length > 1) await addRedirectCounted(state, `/category/${chain.join('/')}`, to, true);
  }
  await addRedirectCounted(state, '/feed', `${feedPaths.blog(blog.slug)}.rss`, true);
  await addRedirectCounted(state, '/feed/rss2', `${feedPaths.blog(blog.slug)}.rss`, true);
  await addRedirectCounted(state, '/feed/atom', `${feedPaths.blog(blog.slug)}.atom`, true);
  await addRedirectCounted(state, '/comments/feed', `${feedPaths.siteComments()}.rss`, true);
  for (const attachment of state.attachments) {
    const to = state.postPaths.get(attachment.parent) ?? blogPath;
    await addRedirectCounted(state, oldPathOf(attachment.link), to, true);
    await addRedirectCounted(state, `/?attachment_id=${attachment.postId}`, to, true);
  }
}

/** An attachment is kept for later: its image is stored at the end, when posts may have named it as their featured image. */
function noteAttachment(state: ImportState, item: WxrItem): void {
  const media = state.media!;
  const url = item.attachmentUrl || item.guid;
  const file = item.meta.find((m) => m.key === '_wp_attached_file')?.value.trim() ?? '';
  if (!/\.(?:jpe?g|png|gif|webp)$/i.test(url || file)) {
    increment(state.report.skipped, 'attachment that is not a JPEG, PNG, GIF or WebP image');
    return;
  }
  if (!item.postId || !/^https?:\/\//i.test(url)) {
    increment(state.report.skipped, 'attachment without an address');
    return;
  }
  media.attachments.set(item.postId, {
    url,
    file,
    alt: plainLine(item.meta.find((m) => m.key === '_wp_attachment_image_alt')?.value ?? ''),
    title: plainLine(item.title),
  });
}

/** A post body with the old site's images stored as uploads and pointed at; an image that cannot be had keeps its old address. */
async function withImportedImages(state: ImportState, body: string): Promise<string> {
  const media = state.media!;
  const images = imagesInMarkdown(body, media.hosts);
  if (images.length === 0) return body;
  const uploads = new Map<string, Upload>();
  await Promise.all(
    images.map(async ({ url, alt }) => {
      // `a.jpg?w=604` (WordPress.com and Jetpack resize by query) is the same file as `a.jpg`: one upload, which makes its own widths.
      const file = new URL(url);
      file.search = '';
      file.hash = '';
      const upload = await media.importer.upload(file.toString(), alt);
      if (upload) uploads.set(url, upload);
    }),
  );
  return rewriteMarkdown(body, uploads);
}

/**
 * A post an earlier run imported, when an image it still shows from the old site can be had now
 * (it was missing then): that address, wherever it is still in the post's current text, is pointed
 * at the upload. The post is never converted from the export again, so whatever was changed in
 * Ytring since stays as it is: only old image addresses the text still holds are replaced, and a
 * revision records the change. A post deleted since is left alone.
 */
async function withImagesNowAvailable(state: ImportState, postId: string): Promise<void> {
  let post: EditablePost;
  try {
    post = await getEditablePost(state.trx, postId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return;
    throw error;
  }
  const body = await withImportedImages(state, post.body);
  if (body === post.body) return;
  const snapshot = snapshotOf(post);
  await updatePost(
    state.trx,
    postId,
    { ...snapshot, body, publishedAt: snapshot.publishedAt ? new Date(snapshot.publishedAt) : null },
    state.now,
    { followTitle: false },
  );
  await recordFirstRevision(state.trx, postId, state.now);
  state.report.media!.postsUpdated++;
}

/** Every image attachment becomes an upload (in the media library even when no post shows it), then featured images are set. */
async function importAttachments(state: ImportState): Promise<void> {
  const media = state.media!;
  const report = state.report.media!;
  const uploads = new Map<string, Upload | undefined>();
  await Promise.all(
    [...media.attachments].map(async ([id, attachment]) => {
      uploads.set(id, await media.importer.upload(attachment.url, attachment.alt || attachment.title, attachment.file));
    }),
  );
  for (const { postId, attachmentId, title } of media.featured) {
    const attachment = media.attachments.get(attachmentId);
    const upload = uploads.get(attachmentId);
    if (!attachment) {
      increment(state.report.skipped, 'featured image whose attachment is not in the export');
      continue;
    }
    if (!upload) continue;
    // Alt text is required for a featured image: the attachment's, else its title, else the post's.
    await setFeaturedImage(state.trx, postId, { uploadId: upload.id, alt: cut(attachment.alt || attachment.title || title, 300) });
    report.featured++;
  }
  for (const [id, attachment] of media.attachments) {
    const upload = uploads.get(id);
    const old = oldPathOf(attachment.url);
    // An old image address on the site's own host (a link from elsewhere) leads to the stored file.
    if (upload && old && media.hosts.has(new URL(attachment.url).hostname.toLowerCase().replace(/^www\./, '')))
      await addRedirectCounted(state, old, `/uploads/${upload.fileName}`, true);
  }
}

async function importItem(state: ImportState, item: WxrItem): Promise<void> {
  const { report } = state;
  const regular = item.comments.filter((c) => !PINGS.has(c.type));
  const pings = item.comments.length - regular.length;
  if (pings > 0) increment(report.skipped, 'pingback or trackback (not comments)', pings);

  if (item.postType !== 'post' && item.postType !== 'page') {
    if (item.postType === 'attachment' && state.media) noteAttachment(state, item);
    else
      increment(
        report.skipped,
        item.postType === 'attachment' ? 'attachment (media files are not imported)' : `item of type "${item.postType || 'none'}"`,
      );
    if (item.postType === 'attachment' && item.postId)
      state.attachments.push({ link: item.link, postId: item.postId, parent: item.postParent });
    if (regular.length > 0) increment(report.skipped, `comment on a skipped ${item.postType || 'item'}`, regular.length);
    return;
  }
  const status = statusOf(item, state.now);
  if (typeof status === 'string') {
    increment(report.skipped, `${item.postType} ${status}`);
    if (regular.length > 0) increment(report.skipped, `comment on a skipped ${item.postType}`, regular.length);
    return;
  }

  const author = await authorOf(state, item.creator);
  const blog = await ensureBlog(state, state.firstPersonId ?? author.personId);
  // Posts and comments are keyed by site and blog: importing a site again into the same blog adds
  // nothing, while importing it into another blog on purpose makes a copy there.
  const key = { source: `${state.source} ${blog.slug}`, kind: 'post', sourceId: item.postId };
  // The same post twice in one file: the first is still waiting to be written.
  if (state.pending.postIds.has(item.postId)) await flushPending(state);
  let postId = await findImportTarget(state.trx, key);
  if (postId) {
    report.alreadyImported.posts++;
    if (state.media) await withImagesNowAvailable(state, postId);
  } else {
    let body = postHtmlToMarkdown(item.content, { baseUrl: state.site?.baseBlogUrl || state.site?.link || undefined });
    if (state.media) body = await withImportedImages(state, body);
    if (body.length > LIMITS.body) {
      increment(report.skipped, `${item.postType} whose text is longer than ${LIMITS.body} characters`);
      if (regular.length > 0) increment(report.skipped, `comment on a skipped ${item.postType}`, regular.length);
      return;
    }
    if (status.note) increment(report.adjusted, status.note);
    const title = titleOf(item, state.report, status.publishedAt ?? status.createdAt);
    const slug = slugFromPostName(item.postName) || slugify(title) || `${item.postType}-${item.postId}`;
    const input: NewPost = {
      blogId: blog.id,
      title,
      slug,
      lead: cut(commentHtmlToText(item.excerpt), LIMITS.lead),
      body,
      status: status.status,
      publishedAt: status.publishedAt,
      authors: await bylineAuthors(state, item, author),
      tags: tagsOf(item, state.report),
      commentsOpen: item.commentStatus !== 'closed',
      language: languageOf(item, state.site),
    };
    // Checked now, so that a post the rules refuse is reported at its own line, not the batch's.
    validatePostInput(input, slug);
    const createdAt = status.status === 'published' ? status.createdAt : status.status === 'scheduled' ? state.now : status.createdAt;
    postId = newId(createdAt.getTime());
    const thumbnail = item.meta.find((m) => m.key === '_thumbnail_id')?.value.trim();
    if (state.media && thumbnail && thumbnail !== '0') state.media.featured.push({ postId, attachmentId: thumbnail, title });
    // The comments are kept, not the whole item: a batch of posts must not hold their threads too.
    state.pending.posts.push({ id: postId, key, input, createdAt, item: { ...item, comments: [], content: '' } });
    state.pending.postIds.set(item.postId, postId);
    state.pending.postChars += body.length;
  }
  await importComments(state, item, postId, author.wpId, regular);
  if (state.pending.posts.length >= POSTS_PER_BATCH || state.pending.postChars >= BATCH_CHARS) await flushPending(state);
}

/** Writes the posts waiting, with their first revisions, import keys and old addresses (queued as redirects). */
async function flushPosts(state: ImportState): Promise<void> {
  const { report, pending } = state;
  const posts = pending.posts;
  if (posts.length === 0) return;
  pending.posts = [];
  pending.postIds = new Map();
  pending.postChars = 0;
  const blog = state.blog!;
  await chooseFreeSlugs(state, blog.id, posts);
  const created = await createPosts(
    state.trx,
    posts.map(({ id, input, createdAt }) => ({ id, input, now: createdAt })),
  );
  await recordFirstRevisions(state.trx, created, state.now);
  await insertImportTargets(
    state.trx,
    posts.map(({ key, id }) => ({ key, targetId: id, at: state.now.toISOString() })),
  );
  for (const [i, { post }] of created.entries()) {
    const { item } = posts[i]!;
    report.imported[item.postType === 'page' ? 'pages' : 'posts']++;
    report.postsByStatus[post.status]++;
    if (post.status === 'draft') continue;
    const to = postPath(blog.slug, post.slug);
    state.postPaths.set(item.postId, to);
    const old = oldPathOf(item.link);
    await addRedirectCounted(state, old, to);
    await addRedirectCounted(state, `/?p=${item.postId}`, to);
    if (item.postType === 'page') await addRedirectCounted(state, `/?page_id=${item.postId}`, to);
    // The site may have used another of WordPress's permalink structures over the years.
    for (const path of otherPermalinks(item)) await addRedirectCounted(state, path, to, true);
    const comments = feedPaths.postComments(blog.slug, post.slug);
    if (old?.startsWith('/') && !old.includes('?') && redirectKey(old) !== '/')
      await addRedirectCounted(state, `${redirectKey(old)}/feed`, `${comments}.rss`, true);
  }
}

type Place = { id: string; parentId: string | null; depth: number; rootId: string };

/**
 * An item's comments, parents first, added to the rows waiting to be stored. What an earlier run
 * imported is found in one query per item and left alone; a new reply to it finds its place there.
 */
async function importComments(
  state: ImportState,
  item: WxrItem,
  postId: string,
  authorWpId: string,
  comments: WxrComment[],
): Promise<void> {
  if (comments.length === 0) return;
  const { report, pending } = state;
  const { ordered, orphans } = threadOrder(comments.map((c) => ({ ...c, date: c.dateGmt || c.date })));
  if (orphans > 0) increment(report.adjusted, 'reply whose parent is not in the export, made top-level', orphans);
  const source = `${state.source} ${state.blog!.slug}`;
  const earlier = await findImportTargets(
    state.trx,
    source,
    'comment',
    ordered.map((c) => c.id),
  );
  // The same comment twice in one file: the first is still waiting to be written.
  for (const { id } of ordered) if (pending.commentIds.has(id)) earlier.set(id, pending.commentIds.get(id)!);
  const places = new Map<string, Place>();
  const parentsFromEarlier = ordered.filter((c) => !earlier.has(c.id) && earlier.has(c.parent)).map((c) => earlier.get(c.parent)!);
  if (parentsFromEarlier.length > 0) {
    await flushPending(state);
    const found = await findCommentPlaces(state.trx, parentsFromEarlier);
    for (const [wpId, id] of earlier) if (found.has(id)) places.set(wpId, found.get(id)!);
  }
  const fallbackDate = parseWpDate(item.postDateGmt) ?? parseWpDate(item.postDate) ?? state.now;
  const at = state.now.toISOString();
  let approved = 0;
  for (const comment of ordered) {
    if (earlier.has(comment.id)) {
      report.alreadyImported.comments++;
      continue;
    }
    const body = commentHtmlToText(comment.content).trim();
    if (!body) {
      increment(report.skipped, 'empty comment');
      continue;
    }
    let status = COMMENT_STATUS[comment.approved];
    if (!status) {
      increment(report.adjusted, `comment with status "${comment.approved}", held for moderation`);
      status = 'pending';
    }
    const createdAt = parseWpDate(comment.dateGmt) ?? parseWpDate(comment.date) ?? fallbackDate;
    const id = newId(createdAt.getTime());
    const parent = places.get(comment.parent);
    const place = parent ? placeReply(parent, state.maxDepth) : { parentId: null, depth: 1, rootId: id };
    places.set(comment.id, { id, ...place });
    const email = isEmailAddress(comment.authorEmail) ? comment.authorEmail : '';
    pending.comments.push({
      id,
      post_id: postId,
      parent_id: place.parentId,
      root_id: place.rootId,
      depth: place.depth,
      author_name: (cut(plainLine(comment.author), 80) || 'Anonymous').trim(),
      author_email: normaliseEmail(email),
      email_hash: emailHashOf(state.options.secret, email),
      badge: comment.userId !== '0' && comment.userId === authorWpId ? 'author' : null,
      body,
      status,
      created_at: createdAt.toISOString(),
    });
    pending.targets.push({ key: { source, kind: 'comment', sourceId: comment.id }, targetId: id, at });
    pending.commentIds.set(comment.id, id);
    if (status === 'approved') approved++;
    report.imported.comments++;
    report.commentsByStatus[status]++;
  }
  if (approved > 0) pending.approved.set(postId, (pending.approved.get(postId) ?? 0) + approved);
  if (pending.comments.length >= FLUSH_ROWS) await flushPending(state);
}

// Rows kept before they are written: a few statements' worth, so memory stays flat on a large file.
const FLUSH_ROWS = 1_200;
// Posts written together; a batch of long posts is cut short at BATCH_CHARS of text.
const POSTS_PER_BATCH = 100;
const BATCH_CHARS = 4_000_000;

/** Writes what is waiting: posts first (comments and redirects refer to them), then redirects, then comments. */
async function flushPending(state: ImportState): Promise<void> {
  await flushPosts(state);
  const { pending } = state;
  if (pending.redirects.length > 0) {
    const redirects = pending.redirects;
    pending.redirects = [];
    state.report.imported.redirects += (await addRedirects(state.trx, redirects, state.now)).length;
  }
  if (pending.comments.length === 0) return;
  await insertImportedComments(state.trx, pending.comments);
  await insertImportTargets(state.trx, pending.targets);
  await addToCommentCounts(state.trx, pending.approved);
  state.pending = { ...emptyPending(), redirects: pending.redirects };
}

const emptyPending = (): ImportState['pending'] => ({
  posts: [],
  postIds: new Map(),
  postChars: 0,
  redirects: [],
  comments: [],
  targets: [],
  commentIds: new Map(),
  approved: new Map(),
});

export interface WxrInput {
  /** Text of the export, in order (a file stream with an encoding set). */
  chunks: AsyncIterable<string>;
  bytesRead(): number;
  totalBytes: number;
}

/**
 * Imports a WXR export in one transaction: on any error (a malformed file reports its line)
 * nothing is stored. Things imported by an earlier run of the same export are left alone.
 */
export async function importWxr(db: Db, input: WxrInput, options: WxrImportOptions): Promise<ImportReport> {
  if (options.blogSlug !== undefined && (!isSlug(options.blogSlug) || RESERVED_SLUGS.has(options.blogSlug))) {
    throw new ImportError(
      `"${options.blogSlug}" cannot be a blog's address: use lower-case letters, digits and hyphens, and none of ${[...RESERVED_SLUGS].slice(0, 6).join(', ')} …`,
    );
  }
  const now = options.now ?? new Date();
  if (options.media?.dir && !(await stat(options.media.dir).catch(() => undefined))?.isDirectory())
    throw new ImportError(`the media folder ${options.media.dir} is not there (give a copy of wp-content/uploads)`);
  let mediaImporter: MediaImporter | undefined;
  return inTransaction(db, async (trx) => {
    const state: ImportState = {
      trx,
      options,
      now,
      maxDepth: (await getSiteSettings(trx)).commentMaxDepth,
      source: '',
      people: new Map(),
      madeHere: new Set(),
      report: emptyReport(),
      terms: [],
      attachments: [],
      postPaths: new Map(),
      pending: emptyPending(),
    };
    if (options.media) state.report.media = emptyMediaReport();
    let records = 0;
    let line = 0;
    try {
      for await (const record of readWxr(input.chunks)) {
        records++;
        if (record.kind === 'site') {
          state.site = record.site;
          state.source = siteKey(record.site);
          state.report.source = state.source;
          if (options.media) {
            state.media = startMedia(state, options.media, record.site);
            mediaImporter = state.media.importer;
          }
        } else if (record.kind === 'author') {
          await importAuthor(state, record.author);
        } else if (record.kind === 'term') {
          if ((record.term.taxonomy === 'category' || record.term.taxonomy === 'post_tag') && record.term.slug)
            state.terms.push(record.term);
        } else if (record.kind === 'item') {
          line = record.item.line;
          await importItem(state, record.item);
        }
        options.onProgress?.({ bytesRead: input.bytesRead(), totalBytes: input.totalBytes, records });
      }
    } catch (error) {
      if (error instanceof WxrParseError) {
        throw new ImportError(`line ${error.line}, column ${error.column}: ${error.reason}`, error.line, { cause: error });
      }
      if (error instanceof AppError) {
        const fields = error.details.fields
          ? ` (${Object.entries(error.details.fields)
              .map(([k, v]) => `${k}: ${v}`)
              .join(', ')})`
          : '';
        throw new ImportError(`line ${line}: the item starting there could not be imported: ${error.message}${fields}`, line, {
          cause: error,
        });
      }
      throw error;
    }
    await flushPending(state);
    if (!state.blog && state.firstPersonId) await ensureBlog(state, state.firstPersonId);
    if (state.media) await importAttachments(state);
    await redirectOldPages(state);
    await flushPending(state);
    return state.report;
  }).catch(async (error: unknown) => {
    await mediaImporter?.discard();
    throw error;
  });
}

function startMedia(state: ImportState, options: MediaImportOptions, site: WxrSite): NonNullable<ImportState['media']> {
  const hosts = new Set<string>();
  for (const address of [site.link, site.baseSiteUrl, site.baseBlogUrl]) {
    try {
      hosts.add(new URL(address.trim()).hostname.toLowerCase().replace(/^www\./, ''));
    } catch {
      /* not an address */
    }
  }
  return {
    importer: new MediaImporter(state.trx, state.source, options, state.report.media!, state.now),
    hosts,
    attachments: new Map(),
    featured: [],
  };
}

/** Imports the WXR file at `path`, streaming it. */
export async function importWxrFile(db: Db, path: string, options: WxrImportOptions): Promise<ImportReport> {
  return withFileChunks(path, (input) => importWxr(db, input, options));
}
