/** /admin/blogs: blogs and their owners, for administrators only. */
import type { FastifyPluginAsync } from 'fastify';
import { canManageBlogs } from '../../accounts/account.js';
import { addBlog, blogDeletionFacts, deleteBlog, editBlog, SlugClashError } from '../../blogs/blog-admin.service.js';
import { AppError } from '../../errors.js';
import { BlogDeletePage, type BlogDeleteView } from '../../views/pages/admin/people/blog-delete.page.js';
import { getBlogWithOwnerIds, listBlogsWithOwnerIds } from '../../blogs/blog.service.js';
import { listAllPeople } from '../../people/person.service.js';
import { BlogPage, BlogsListPage, EMPTY_BLOG, type BlogFormValues } from '../../views/pages/admin/people/blogs.page.js';
import { actorOf, field, fields, requireThat, sendAdminPage, type AdminDeps } from '../admin-page.js';
import { sectionText } from '../admin-i18n.js';
import { doneNotice, formErrors } from './form-input.js';
import { peopleMessages } from './people.messages.js';

type Params = { Params: { id: string } };

function blogValues(body: unknown): BlogFormValues {
  return {
    title: field(body, 'title', 500).trim(),
    slug: field(body, 'slug', 200).trim(),
    description: field(body, 'description', 10_000).trim(),
    owner: field(body, 'owner', 100),
    coOwners: fields(body, 'coOwners').slice(0, 200),
  };
}

/** The main owner first, then the co-owners in list order, each once. */
const ownerIdsOf = (v: BlogFormValues) => [...new Set([v.owner, ...v.coOwners].filter(Boolean))];

export const adminBlogRoutes: FastifyPluginAsync<AdminDeps> = async (app, deps) => {
  const { db } = deps;
  const pickable = async () => (await listAllPeople(db)).map((p) => ({ id: p.id, name: p.name }));

  app.get('/admin/blogs', async (request, reply) => {
    requireThat(canManageBlogs(actorOf(request)));
    const [blogs, people] = await Promise.all([listBlogsWithOwnerIds(db), pickable()]);
    const names = new Map(people.map((p) => [p.id, p.name]));
    const rows = blogs.map((b) => ({ id: b.id, slug: b.slug, title: b.title, owners: b.ownerIds.map((id) => names.get(id) ?? '?') }));
    const notice = doneNotice(request.query, ['blogDeleted'] as const);
    return sendAdminPage(deps, request, reply, 'blogs', ({ i18n }, chrome) => (
      <BlogsListPage
        chrome={chrome}
        blogs={rows}
        {...(notice ? { notice: sectionText(peopleMessages, i18n.lang)(`notice.${notice}`) } : {})}
      />
    ));
  });

  app.get('/admin/blogs/new', async (request, reply) => {
    requireThat(canManageBlogs(actorOf(request)));
    const people = await pickable();
    return sendAdminPage(deps, request, reply, 'blogs', (_c, chrome) => (
      <BlogPage chrome={chrome} values={EMPTY_BLOG} errors={{}} people={people} />
    ));
  });

  app.post('/admin/blogs', async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canManageBlogs(actor));
    const values = blogValues(request.body);
    try {
      const blog = await addBlog(db, actor, {
        title: values.title,
        slug: values.slug,
        description: values.description,
        ownerIds: ownerIdsOf(values),
      });
      return reply.redirect(`/admin/blogs/${blog.id}?done=blogCreated`, 303);
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) throw error;
      const people = await pickable();
      return sendAdminPage(
        deps,
        request,
        reply,
        'blogs',
        (_c, chrome) => <BlogPage chrome={chrome} values={values} errors={errors} people={people} />,
        422,
      );
    }
  });

  app.get<Params>('/admin/blogs/:id', async (request, reply) => {
    requireThat(canManageBlogs(actorOf(request)));
    const [blog, people] = await Promise.all([getBlogWithOwnerIds(db, request.params.id), pickable()]);
    const values: BlogFormValues = {
      title: blog.title,
      slug: blog.slug,
      description: blog.description,
      owner: blog.ownerIds[0] ?? '',
      coOwners: blog.ownerIds.slice(1),
    };
    const notice = doneNotice(request.query, ['blogCreated', 'blogSaved'] as const);
    return sendAdminPage(deps, request, reply, 'blogs', ({ i18n }, chrome) => (
      <BlogPage
        chrome={chrome}
        blog={blog}
        values={values}
        errors={{}}
        people={people}
        {...(notice ? { notice: sectionText(peopleMessages, i18n.lang)(`notice.${notice}`) } : {})}
      />
    ));
  });

  app.post<Params>('/admin/blogs/:id', async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canManageBlogs(actor));
    const blog = await getBlogWithOwnerIds(db, request.params.id);
    const values = blogValues(request.body);
    try {
      await editBlog(db, actor, blog.id, { title: values.title, description: values.description, ownerIds: ownerIdsOf(values) });
      return reply.redirect(`/admin/blogs/${blog.id}?done=blogSaved`, 303);
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) throw error;
      const people = await pickable();
      return sendAdminPage(
        deps,
        request,
        reply,
        'blogs',
        (_c, chrome) => <BlogPage chrome={chrome} blog={blog} values={values} errors={errors} people={people} />,
        422,
      );
    }
  });

  const deletePage = async (request: Parameters<typeof actorOf>[0], id: string, extra: Pick<BlogDeleteView, 'choice'> = {}) => {
    const facts = await blogDeletionFacts(db, actorOf(request), id);
    return { blog: facts.blog, counts: facts.counts, otherBlogs: facts.otherBlogs, ...extra } satisfies BlogDeleteView;
  };

  app.get<Params>('/admin/blogs/:id/delete', async (request, reply) => {
    const view = await deletePage(request, request.params.id);
    return sendAdminPage(deps, request, reply, 'blogs', (_c, chrome) => <BlogDeletePage chrome={chrome} view={view} />);
  });

  app.post<Params>('/admin/blogs/:id/delete', async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canManageBlogs(actor));
    const fate = field(request.body, 'fate', 10) === 'delete' ? 'delete' : 'move';
    const moveTo = field(request.body, 'moveTo', 100);
    try {
      await deleteBlog(db, actor, request.params.id, { moveTo: fate === 'move' ? moveTo : undefined });
      return reply.redirect('/admin/blogs?done=blogDeleted', 303);
    } catch (error) {
      const clash = error instanceof SlugClashError;
      if (!clash && !(error instanceof AppError && error.code === 'invalid')) throw error;
      const view = await deletePage(request, request.params.id, { choice: { fate, moveTo } });
      return sendAdminPage(
        deps,
        request,
        reply,
        'blogs',
        ({ i18n }, chrome) => {
          const t = sectionText(peopleMessages, i18n.lang);
          const refusal = clash
            ? { text: t('blogDelete.clash'), titles: error.titles }
            : { text: t(view.otherBlogs.length === 0 ? 'blogDelete.last' : 'blogDelete.chooseBlog'), titles: [] };
          return <BlogDeletePage chrome={chrome} view={{ ...view, refusal }} />;
        },
        clash ? 409 : 422,
      );
    }
  });
};
