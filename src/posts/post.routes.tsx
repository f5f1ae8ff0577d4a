import type { FastifyPluginAsync } from 'fastify';
import { getBlogBySlug } from '../blogs/blog.service.js';
import { sendPage, type PageDeps } from '../http/page-context.js';
import { PostPage } from '../views/pages/posts/post.page.js';
import { renderMarkdown } from './markdown.js';
import { getPublishedPost } from './post.service.js';

export const postRoutes: FastifyPluginAsync<PageDeps> = async (app, deps) => {
  const { db } = deps;
  app.get<{ Params: { blog: string; slug: string } }>('/:blog/:slug', async (request, reply) => {
    const blog = await getBlogBySlug(db, request.params.blog);
    const { post, previous, next } = await getPublishedPost(db, blog.id, request.params.slug);
    return sendPage(deps, request, reply, ({ i18n }) => (
      <PostPage model={{
        post,
        bodyHtml: renderMarkdown(post.body, { atWord: i18n.t('email.at') }),
        ...(blog.owners[0] ? { owner: blog.owners[0] } : {}),
        blogDescription: blog.description,
        ...(previous ? { previous } : {}),
        ...(next ? { next } : {}),
      }} />
    ));
  });
};
