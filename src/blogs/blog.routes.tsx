import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sendPage, type PageDeps } from '../http/page-context.js';
import { pageOf, PageQuery } from '../http/schemas.js';
import { dependsOn, pageQuery } from '../http/page-cache.js';
import { listTags } from '../posts/post-tags.js';
import { listPublishedPosts } from '../posts/post.service.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { BlogPage } from '../views/pages/blogs/blog.page.js';
import { getBlogBySlug } from './blog.service.js';

const schema = { params: Type.Object({ blog: Type.String() }), querystring: PageQuery };

export const blogRoutes: FastifyPluginAsyncTypebox<PageDeps> = async (app, deps) => {
  const { db } = deps;
  app.get('/:blog', { ...pageQuery('page'), schema }, async (request, reply) => {
    const page = pageOf(request.query.page);
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
