/**
 * The bench's site: posts over three blogs, and three debates of 50, 200 and 1,000 threaded
 * comments on the newest posts (plus comments spread over the rest with --large). Deterministic.
 */
import { createBlog } from '../src/blogs/blog.service.js';
import { addImportedComment } from '../src/comments/comment.service.js';
import { createPerson } from '../src/people/person.service.js';
import { createPosts } from '../src/posts/post.service.js';
import { slugify } from '../src/shared/slug.js';
import { updateSiteSettings } from '../src/settings/settings.service.js';
import type { OpenDb } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrate.js';

const WORDS = (
  'forvaltning samarbejde partnerskab ledelse kommune borger velfærd styring digital løsning faglighed ' +
  'debat medarbejder arbejdsmiljø tillid data analyse ansvar offentlig sektor reform udvikling viden praksis erfaring ' +
  'mål resultat dialog organisation kvalitet innovation ressourcer prioritering'
).split(' ');
let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
export const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
const paragraph = () => `${words(45)}.`;

export interface Site {
  posts: Record<'c0' | 'c50' | 'c200' | 'c1000', string>;
  blog: string;
  c0Id: string;
  c200Id: string;
}

export async function buildSite(database: OpenDb, postCount: number, extraComments: number): Promise<Site> {
  const { db } = database;
  await migrateToLatest(db, database.dialect);
  await updateSiteSettings(db, {
    title: 'Benchmarkforbundet',
    minSecondsToSubmit: 0,
    commentsPerHourPerIp: 1_000_000,
    commentsPerHourPerEmail: 1_000_000,
    commentPolicy: 'open',
    maxLinks: 100,
  });
  const people = [];
  for (let i = 0; i < 6; i++)
    people.push(await createPerson(db, { name: `Skribent Nummer${i}`, jobTitle: 'Chefkonsulent', organisation: 'Forbundet' }));
  const blogs = [];
  for (let i = 0; i < 3; i++)
    blogs.push(await createBlog(db, { slug: `blog-${i}`, title: `Blog ${i}`, description: paragraph(), ownerIds: [people[i]!.id] }));
  const start = Date.now() - postCount * 3600_000;
  const slugs: string[] = [];
  const ids: string[] = [];
  // In batches through createPosts (as an import writes them): one at a time, 100,000 posts took minutes.
  for (let first = 0; first < postCount; first += 500) {
    const batch = [];
    for (let i = first; i < Math.min(postCount, first + 500); i++) {
      const blog = blogs[i % blogs.length]!;
      const at = new Date(start + i * 3600_000);
      const title = `${words(6)} ${i}`;
      batch.push({
        now: at,
        input: {
          blogId: blog.id,
          slug: `${i}-${slugify(title, 60)}`,
          title,
          lead: paragraph(),
          body: `${paragraph()}\n\n## ${words(4)}\n\n${paragraph()}\n\n${paragraph()}\n\n## ${words(3)}\n\n- ${words(8)}\n- ${words(8)}\n\n${paragraph()}`,
          status: 'published' as const,
          publishedAt: at,
          authors: [{ personId: people[i % people.length]!.id }],
          tags: [WORDS[i % WORDS.length]!],
        },
      });
    }
    for (const [n, { post }] of (await createPosts(db, batch)).entries()) {
      slugs.push(`/${blogs[(first + n) % blogs.length]!.slug}/${post.slug}`);
      ids.push(post.id);
    }
    process.stdout.write(`\r  posts ${ids.length}/${postCount}`);
  }
  // The newest posts carry the debates, so they sit on the front page too.
  const debate = async (postIndex: number, count: number) => {
    const postId = ids[postIndex]!;
    const base = Date.now() - 10 * 86_400_000;
    const recent: string[] = [];
    for (let i = 0; i < count; i++) {
      // About a third are replies to a recent comment, so threads nest.
      const parentId = recent.length > 0 && random() < 0.35 ? recent[Math.floor(random() * recent.length)]! : null;
      const id = await addImportedComment(db, 'bench', 3, {
        postId,
        parentId,
        name: `Læser ${i}`,
        email: `laeser${i % 300}@bench.example`,
        body: `${words(30)}.\n\n${words(20)}.`,
        status: 'approved',
        createdAt: new Date(base + i * 60_000),
      });
      recent.push(id);
      if (recent.length > 20) recent.shift();
    }
  };
  await debate(postCount - 2, 50);
  await debate(postCount - 3, 200);
  await debate(postCount - 4, 1000);
  if (extraComments > 0) {
    const perPost = Math.ceil(extraComments / (postCount - 5));
    for (let p = 0; p < postCount - 5 && extraComments > 0; p++) {
      const n = Math.min(perPost, extraComments);
      await debate(p, n);
      extraComments -= n;
      if (p % 100 === 0) process.stdout.write(`\r  comments left ${extraComments}        `);
    }
  }
  process.stdout.write('\r');
  return {
    posts: { c0: slugs[postCount - 1]!, c50: slugs[postCount - 2]!, c200: slugs[postCount - 3]!, c1000: slugs[postCount - 4]! },
    blog: `/${blogs[0]!.slug}`,
    c0Id: ids[postCount - 1]!,
    c200Id: ids[postCount - 3]!,
  };
}
