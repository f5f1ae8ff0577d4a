import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../errors.js';
import { pageNumber, sendPage, type PageDeps } from '../http/page-context.js';
import { dependsOn, pageQuery } from '../http/page-cache.js';
import { listTags } from '../posts/post-tags.js';
import { listPublishedPosts } from '../posts/post.service.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { BlogPage } from '../views/pages/blogs/blog.page.js';
import { getBlogBySlug } from './blog.service.js';

export const blogRoutes: FastifyPluginAsync<PageDeps> = async (app, deps) => {
  const { db } = deps;
  app.get<{ Params: { blog: string } }>('/:blog', pageQuery('page'), async (request, reply) => {
    const page = pageNumber(request.query);
    if (!page) throw notFound('Page');
    const blog = await getBlogBySlug(db, request.params.blog);
    const settings = await getSiteSettings(db);
    const posts = await listPublishedPosts(db, { blogId: blog.id }, page, settings.postsPerPage).catch((error) => {
      if (page === 1) return { items: [], page: 1, pages: 1, total: 0 };
      throw error;
    });
    dependsOn(request, listTags(posts.items));
    return sendPage(deps, request, reply, () => <BlogPage blog={blog} posts={posts} />);
  });
};
