/** Loads the demo site through the same services an administrator's actions use. */
import { createBlog } from '../blogs/blog.service.js';
import { addImportedComment } from '../comments/comment.service.js';
import { createPerson } from '../people/person.service.js';
import { recordFirstRevision } from '../posts/post-admin.service.js';
import { createPost } from '../posts/post.service.js';
import { getSiteSettings, updateSiteSettings } from '../settings/settings.service.js';
import { setFeaturedImage } from '../uploads/media.service.js';
import { loadSharp, storeUpload } from '../uploads/upload.service.js';
import { inTransaction, type Db } from '../storage/db.js';
import type { DemoComment, DemoContent } from './demo-content.types.js';
import { insertDemoItems } from './demo.repository.js';
import { demoImage } from './demo-images.js';

/** The theme's own accent (public/style.css), for a site that has not chosen one. */
const THEME_ACCENT = '#0b5a7a';

const DAY = 24 * 3600 * 1000;

export interface DemoSummary {
  people: number;
  blogs: number;
  posts: number;
  comments: number;
}

/**
 * `uploadsDir` (the app's UPLOADS_DIR) lets the posts have featured images, drawn for the demo;
 * without it they have none.
 */
export async function loadDemo(
  db: Db,
  content: DemoContent,
  options: { secret: string; now?: Date; uploadsDir?: string | undefined },
): Promise<DemoSummary> {
  const now = options.now ?? new Date();
  const sharp = options.uploadsDir ? await loadSharp() : undefined;
  let comments = 0;
  const postIds: string[] = [];
  const commentIds: string[] = [];
  const uploadIds: string[] = [];
  return inTransaction(db, async (trx) => {
    await updateSiteSettings(trx, { title: content.site.title, description: content.site.description }, now);
    const people = new Map<string, string>();
    for (const person of content.people) {
      const created = await createPerson(
        trx,
        {
          name: person.name,
          jobTitle: person.jobTitle,
          organisation: person.organisation,
          bio: person.bio,
          ...(person.email ? { email: person.email } : {}),
          ...(person.phone ? { phone: person.phone } : {}),
          ...(person.guest ? { guest: true } : {}),
        },
        now,
      );
      people.set(person.key, created.id);
    }
    const personId = (key: string) => {
      const id = people.get(key);
      if (!id) throw new Error(`Demo content refers to unknown person "${key}"`);
      return id;
    };
    const blogs = new Map<string, string>();
    for (const blog of content.blogs) {
      const created = await createBlog(
        trx,
        { slug: blog.slug, title: blog.title, description: blog.description, ownerIds: blog.owners.map(personId) },
        now,
      );
      blogs.set(blog.slug, created.id);
    }
    // Oldest first, so ids (time-ordered) follow publication order like a real site's.
    const posts = [...content.posts].sort((a, b) => b.daysAgo - a.daysAgo);
    for (const post of posts) {
      const blogId = blogs.get(post.blog);
      if (!blogId) throw new Error(`Demo post "${post.title}" names unknown blog "${post.blog}"`);
      // Published in the morning, a few hours apart, so the order is stable and the times look real.
      const publishedAt = new Date(now.getTime() - post.daysAgo * DAY - (posts.indexOf(post) % 5) * 3600 * 1000);
      const created = await createPost(
        trx,
        {
          blogId,
          title: post.title,
          lead: post.lead,
          body: post.body,
          status: 'published',
          publishedAt,
          authors: post.authors.map((a) => ({ personId: personId(a.person), ...(a.note ? { bylineNote: a.note } : {}) })),
          tags: post.tags,
          relatedLinks: post.relatedLinks ?? [],
          infoBoxes: (post.infoBoxes ?? []).map((box) => ({
            heading: box.heading,
            ...(box.body ? { body: box.body } : {}),
            contacts: box.contacts.map((c) => ({
              ...(c.person ? { personId: personId(c.person) } : {}),
              ...(c.name ? { name: c.name } : {}),
              role: c.role,
              phone: c.phone ?? '',
              email: c.email ?? '',
            })),
          })),
        },
        publishedAt.getTime() > now.getTime() ? now : publishedAt,
      );
      postIds.push(created.id);
      if (sharp && options.uploadsDir) {
        const { accentColor } = await getSiteSettings(trx);
        const image = demoImage(posts.indexOf(post), accentColor || THEME_ACCENT);
        const data = await sharp(Buffer.from(image.svg)).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
        const upload = await storeUpload(trx, options.uploadsDir, { data, alt: image.alt }, null, now);
        uploadIds.push(upload.id);
        await setFeaturedImage(trx, created.id, { uploadId: upload.id, alt: image.alt, caption: 'Illustration lavet til demoen.' });
      }
      await recordFirstRevision(trx, created.id, publishedAt.getTime() > now.getTime() ? now : publishedAt);
      const addComments = async (list: DemoComment[] | undefined, parentId: string | null) => {
        for (const comment of list ?? []) {
          const createdAt = new Date(publishedAt.getTime() + comment.minutesAfter * 60_000);
          if (createdAt.getTime() > now.getTime()) continue;
          const byAuthor = post.authors.some((a) => content.people.find((p) => p.key === a.person)?.email === comment.email);
          const id = await addImportedComment(trx, options.secret, 3, {
            postId: created.id,
            parentId,
            name: comment.name,
            email: comment.email,
            body: comment.body,
            status: 'approved',
            createdAt,
            badge: byAuthor ? 'author' : null,
          });
          comments++;
          commentIds.push(id);
          await addComments(comment.replies, id);
        }
      };
      if (created.status === 'published') await addComments(post.comments, null);
    }
    // Marked, so "remove the demo content" takes exactly this and never what the site adds later.
    await insertDemoItems(trx, 'person', [...people.values()]);
    await insertDemoItems(trx, 'blog', [...blogs.values()]);
    await insertDemoItems(trx, 'post', postIds);
    await insertDemoItems(trx, 'comment', commentIds);
    await insertDemoItems(trx, 'upload', uploadIds);
    return { people: people.size, blogs: blogs.size, posts: posts.length, comments };
  });
}
