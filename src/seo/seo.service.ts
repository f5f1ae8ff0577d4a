/** What the sitemap lists: the front page, every blog, published post, and author and tag with published posts. */
import { listBlogs } from '../blogs/blog.service.js';
import { findPostsChangedAt, listSitemapPosts } from '../posts/post.service.js';
import type { Db } from '../storage/db.js';
import type { SitemapEntry } from './sitemap.js';

export interface SitemapContent {
  entries: SitemapEntry[];
  /** When a published post last changed, appeared or went away anywhere on the site. */
  changedAt: Date | undefined;
}

export async function getSitemapContent(db: Db, baseUrl: string): Promise<SitemapContent> {
  const [posts, blogs, changedAt] = await Promise.all([listSitemapPosts(db), listBlogs(db), findPostsChangedAt(db)]);
  const newest = new Map<string, Date>();
  const touch = (key: string, at: Date) => {
    const known = newest.get(key);
    if (!known || at > known) newest.set(key, at);
  };
  const postEntries: SitemapEntry[] = [];
  const authorSlugs = new Set<string>();
  const tagSlugs = new Set<string>();
  for (const post of posts) {
    // A scheduled post is published after its last edit; the later of the two is when the page changed.
    const at = post.updatedAt > post.publishedAt ? post.updatedAt : post.publishedAt;
    postEntries.push({ url: `${baseUrl}/${post.blogSlug}/${post.slug}`, lastModified: at });
    touch('/', at);
    touch(`/${post.blogSlug}`, at);
    for (const slug of post.authorSlugs) {
      authorSlugs.add(slug);
      touch(`/authors/${slug}`, at);
    }
    for (const slug of post.tagSlugs) {
      tagSlugs.add(slug);
      touch(`/tags/${slug}`, at);
    }
  }
  const page = (path: string): SitemapEntry => {
    const at = newest.get(path);
    return at ? { url: `${baseUrl}${path}`, lastModified: at } : { url: `${baseUrl}${path}` };
  };
  return {
    entries: [
      page('/'),
      ...blogs.map((blog) => page(`/${blog.slug}`)),
      ...postEntries,
      ...[...authorSlugs].sort().map((slug) => page(`/authors/${slug}`)),
      ...[...tagSlugs].sort().map((slug) => page(`/tags/${slug}`)),
    ],
    changedAt,
  };
}
