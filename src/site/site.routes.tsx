/** Site-wide public pages: the front page, archive, tag and author pages, and the health check. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFound } from '../errors.js';
import { toPublicPerson } from '../people/person.js';
import { getPersonBySlug } from '../people/person.service.js';
import { findTag, listArchiveMonths, listPublishedPosts, listTopTags, monthRange } from '../posts/post.service.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { pingDb } from '../storage/db.js';
import { sendPage, type PageDeps } from '../http/page-context.js';
import { PageNumber, pageOf, PageQuery, Query } from '../http/schemas.js';
import { dependsOn, pageQuery } from '../http/page-cache.js';
import { listTags, POST_LIST_TAG } from '../posts/post-tags.js';
import { ArchivePage } from '../views/pages/site/archive.page.js';
import { AuthorPage } from '../views/pages/site/author.page.js';
import { FrontPage } from '../views/pages/site/front.page.js';
import { ListingPage } from '../views/pages/site/listing.page.js';
import { FollowForm } from '../views/partials/follow-form.js';

const SlugPage = { params: Type.Object({ slug: Type.String() }), querystring: PageQuery };

export const siteRoutes: FastifyPluginAsyncTypebox<PageDeps> = async (app, deps) => {
  const { db } = deps;

  app.get('/healthz', async (_request, reply) => {
    const up = await pingDb(db);
    return reply
      .code(up ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: up ? 'ok' : 'unavailable', database: up ? 'up' : 'down' });
  });

  app.get('/', { ...pageQuery('page'), schema: { querystring: PageQuery } }, async (request, reply) => {
    const page = pageOf(request.query.page);
    const settings = await getSiteSettings(db);
    const [posts, topics] = await Promise.all([listPublishedPosts(db, {}, page, settings.postsPerPage), listTopTags(db)]);
    // The topic list counts every published post's tags, and a tag change on any post is a post-list change.
    dependsOn(request, listTags(posts.items));
    return sendPage(deps, request, reply, () => <FrontPage posts={posts} topics={topics} />);
  });

  app.get('/archive', pageQuery(), async (request, reply) => {
    const settings = await getSiteSettings(db);
    const months = await listArchiveMonths(db, settings.timeZone);
    dependsOn(request, [POST_LIST_TAG]);
    return sendPage(deps, request, reply, () => <ArchivePage months={months} />);
  });

  const monthSchema = {
    params: Type.Object({ year: Type.String({ pattern: '^[0-9]{4}$' }), month: Type.String({ pattern: '^(0[1-9]|1[0-2])$' }) }),
    querystring: Query({ page: PageNumber }),
  };
  app.get('/archive/:year/:month', { ...pageQuery('page'), schema: monthSchema }, async (request, reply) => {
    const { year, month } = request.params;
    const page = pageOf(request.query.page);
    const settings = await getSiteSettings(db);
    const range = monthRange(Number(year), Number(month), settings.timeZone);
    const posts = await listPublishedPosts(db, range, page, settings.postsPerPage);
    dependsOn(request, listTags(posts.items));
    return sendPage(deps, request, reply, ({ i18n }) => (
      <ListingPage
        heading={i18n.t('archive.month', { month: i18n.month(Number(year), Number(month)) })}
        posts={posts}
        basePath={`/archive/${year}/${month}`}
      />
    ));
  });

  app.get('/tags/:slug', { ...pageQuery('page'), schema: SlugPage }, async (request, reply) => {
    const page = pageOf(request.query.page);
    const tag = await findTag(db, request.params.slug);
    if (!tag) throw notFound('Tag');
    const settings = await getSiteSettings(db);
    const posts = await listPublishedPosts(db, { tagId: tag.id }, page, settings.postsPerPage);
    dependsOn(request, listTags(posts.items));
    return sendPage(deps, request, reply, ({ i18n }) => (
      <ListingPage
        heading={i18n.t('tag.heading', { name: tag.name })}
        posts={posts}
        basePath={`/tags/${tag.slug}`}
        follow={<FollowForm tags={[tag]} />}
      />
    ));
  });

  app.get('/authors/:slug', { ...pageQuery('page'), schema: SlugPage }, async (request, reply) => {
    const page = pageOf(request.query.page);
    const person = await getPersonBySlug(db, request.params.slug);
    const settings = await getSiteSettings(db);
    const posts = await listPublishedPosts(db, { personId: person.id }, page, settings.postsPerPage).catch((error) => {
      // A person without posts still has a page; only pages past the first are missing.
      if (page === 1) return { items: [], page: 1, pages: 1, total: 0 };
      throw error;
    });
    dependsOn(request, listTags(posts.items));
    return sendPage(deps, request, reply, () => <AuthorPage person={toPublicPerson(person)} posts={posts} />);
  });
};
