/** /admin/blogs: blogs and their owners, for administrators only. */
import type { FastifyPluginAsyncTypebox, Static } from '@fastify/type-provider-typebox';
import { canManageBlogs } from '../../accounts/account.js';
import { addBlog, blogDeletionFacts, deleteBlog, editBlog, SlugClashError } from '../../blogs/blog-admin.service.js';
import { AppError } from '../../errors.js';
import { BlogDeletePage, type BlogDeleteView } from '../../views/pages/admin/people/blog-delete.page.js';
import { blogVersion, getBlogWithOwnerIds, listBlogsWithOwnerIds } from '../../blogs/blog.service.js';
import type { Person } from '../../people/person.js';
import { findPeopleByIds, listPickerPeople } from '../../people/person.service.js';
import { BlogPage, BlogsListPage, EMPTY_BLOG, type BlogFormValues } from '../../views/pages/admin/people/blogs.page.js';
import { DoneQuery, Form, IdParams, Text, TextList } from '../../http/schemas.js';
import { actorOf, type AdminDeps, clip, formErrors, nonEmpty, requireThat, sendAdminPage } from '../admin-page.js';
import { sectionText } from '../admin-i18n.js';
import { doneNotice, PEOPLE_PROBLEMS } from './form-input.js';
import { peopleMessages } from './people.messages.js';

// `op` is the no-script "search people" button, `people_q` what it searches for.
const BlogForm = Form({
  title: Text,
  slug: Text,
  description: Text,
  owner: Text,
  coOwners: TextList,
  op: Text,
  people_q: Text,
  people_q_shown: Text,
  version: Text,
});
const DeleteForm = Form({ fate: Text, moveTo: Text });

function blogValues(body: Static<typeof BlogForm>): BlogFormValues {
  return {
    title: clip(body.title, 500).trim(),
    slug: clip(body.slug, 200).trim(),
    description: clip(body.description, 10_000).trim(),
    owner: clip(body.owner, 100),
    coOwners: nonEmpty(body.coOwners).slice(0, 200),
    version: clip(body.version, 40),
  };
}

/** The main owner first, then the co-owners in list order, each once. */
const ownerIdsOf = (v: BlogFormValues) => [...new Set([v.owner, ...v.coOwners].filter(Boolean))];

export const adminBlogRoutes: FastifyPluginAsyncTypebox<AdminDeps> = async (app, deps) => {
  const { db } = deps;
  // The owner select and co-owner boxes list the chosen owners and a capped set of others;
  // without script the form's "search people" button sends it back with the matches for people_q.
  const pickable = async (values: BlogFormValues | undefined, query = '') => {
    const found = await listPickerPeople(db, { query, chosenIds: values ? ownerIdsOf(values) : [] });
    // Labelled as the script's combobox labels a person, so a pick reads the same either way.
    const label = (p: Person) => [p.name, p.jobTitle, p.organisation].filter(Boolean).join(', ');
    return { people: found.people.map((p) => ({ id: p.id, name: label(p) })), morePeople: found.more, peopleQuery: query };
  };
  const searched = (body: Static<typeof BlogForm>) => body.op === 'find-people';
  // Enter in the search box presses the form's first button, the save (HTML has no default button per
  // field): a term other than the one the lists show is a search still to run, so it runs instead.
  const pendingSearch = (body: Static<typeof BlogForm>) => {
    const query = clip(body.people_q, 120).trim();
    return query !== '' && query !== clip(body.people_q_shown, 120).trim();
  };

  app.get('/admin/blogs', { schema: { querystring: DoneQuery } }, async (request, reply) => {
    requireThat(canManageBlogs(actorOf(request)));
    const blogs = await listBlogsWithOwnerIds(db);
    const owners = await findPeopleByIds(db, [...new Set(blogs.flatMap((b) => b.ownerIds))]);
    const names = new Map(owners.map((p) => [p.id, p.name]));
    const rows = blogs.map((b) => ({ id: b.id, slug: b.slug, title: b.title, owners: b.ownerIds.map((id) => names.get(id) ?? '?') }));
    const notice = doneNotice(request.query.done, ['blogDeleted'] as const);
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
    const people = await pickable(undefined);
    return sendAdminPage(deps, request, reply, 'blogs', (_c, chrome) => (
      <BlogPage chrome={chrome} values={EMPTY_BLOG} errors={{}} {...people} />
    ));
  });

  app.post('/admin/blogs', { schema: { body: BlogForm } }, async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canManageBlogs(actor));
    const values = blogValues(request.body);
    if (searched(request.body) || pendingSearch(request.body)) {
      const people = await pickable(values, clip(request.body.people_q, 120));
      return sendAdminPage(deps, request, reply, 'blogs', (_c, chrome) => (
        <BlogPage chrome={chrome} values={values} errors={{}} {...people} searchedInsteadOfSave={!searched(request.body)} />
      ));
    }
    try {
      const blog = await addBlog(db, actor, {
        title: values.title,
        slug: values.slug,
        description: values.description,
        ownerIds: ownerIdsOf(values),
      });
      return reply.redirect(`/admin/blogs/${blog.id}?done=blogCreated`, 303);
    } catch (error) {
      const errors = formErrors(error, PEOPLE_PROBLEMS);
      if (!errors) throw error;
      const people = await pickable(values);
      return sendAdminPage(
        deps,
        request,
        reply,
        'blogs',
        (_c, chrome) => <BlogPage chrome={chrome} values={values} errors={errors} {...people} />,
        422,
      );
    }
  });

  app.get('/admin/blogs/:id', { schema: { params: IdParams, querystring: DoneQuery } }, async (request, reply) => {
    requireThat(canManageBlogs(actorOf(request)));
    const blog = await getBlogWithOwnerIds(db, request.params.id);
    const values: BlogFormValues = {
      title: blog.title,
      slug: blog.slug,
      description: blog.description,
      owner: blog.ownerIds[0] ?? '',
      coOwners: blog.ownerIds.slice(1),
      version: await blogVersion(db, blog.id),
    };
    const people = await pickable(values);
    const notice = doneNotice(request.query.done, ['blogCreated', 'blogSaved'] as const);
    return sendAdminPage(deps, request, reply, 'blogs', ({ i18n }, chrome) => (
      <BlogPage
        chrome={chrome}
        blog={blog}
        values={values}
        errors={{}}
        {...people}
        {...(notice ? { notice: sectionText(peopleMessages, i18n.lang)(`notice.${notice}`) } : {})}
      />
    ));
  });

  app.post('/admin/blogs/:id', { schema: { params: IdParams, body: BlogForm } }, async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canManageBlogs(actor));
    const blog = await getBlogWithOwnerIds(db, request.params.id);
    const values = blogValues(request.body);
    if (searched(request.body) || pendingSearch(request.body)) {
      const people = await pickable(values, clip(request.body.people_q, 120));
      return sendAdminPage(deps, request, reply, 'blogs', (_c, chrome) => (
        <BlogPage chrome={chrome} blog={blog} values={values} errors={{}} {...people} searchedInsteadOfSave={!searched(request.body)} />
      ));
    }
    try {
      const input = { title: values.title, description: values.description, ownerIds: ownerIdsOf(values) };
      await editBlog(db, actor, blog.id, input, new Date(), values.version || undefined);
      return reply.redirect(`/admin/blogs/${blog.id}?done=blogSaved`, 303);
    } catch (error) {
      const errors = formErrors(error, PEOPLE_PROBLEMS);
      if (!errors) throw error;
      // Saved by someone else meanwhile: the form, as typed, now builds on that save, so Save again saves over it.
      if (errors.version) values.version = await blogVersion(db, blog.id);
      const people = await pickable(values);
      return sendAdminPage(
        deps,
        request,
        reply,
        'blogs',
        (_c, chrome) => <BlogPage chrome={chrome} blog={blog} values={values} errors={errors} {...people} />,
        errors.version ? 409 : 422,
      );
    }
  });

  const deletePage = async (request: Parameters<typeof actorOf>[0], id: string, extra: Pick<BlogDeleteView, 'choice'> = {}) => {
    const facts = await blogDeletionFacts(db, actorOf(request), id);
    return { blog: facts.blog, counts: facts.counts, otherBlogs: facts.otherBlogs, ...extra } satisfies BlogDeleteView;
  };

  app.get('/admin/blogs/:id/delete', { schema: { params: IdParams } }, async (request, reply) => {
    const view = await deletePage(request, request.params.id);
    return sendAdminPage(deps, request, reply, 'blogs', (_c, chrome) => <BlogDeletePage chrome={chrome} view={view} />);
  });

  app.post('/admin/blogs/:id/delete', { schema: { params: IdParams, body: DeleteForm } }, async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canManageBlogs(actor));
    const fate = request.body.fate === 'delete' ? 'delete' : 'move';
    const moveTo = clip(request.body.moveTo, 100);
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
