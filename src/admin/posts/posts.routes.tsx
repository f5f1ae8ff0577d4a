/** /admin/posts and friends: the list, the editor, autosave, preview, revisions, deletion and image uploads. */
import multipart from '@fastify/multipart';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canWritePosts, type Actor } from '../../accounts/account.js';
import { getBlogById, listBlogs } from '../../blogs/blog.service.js';
import { AppError } from '../../errors.js';
import { viewContext } from '../../http/page-context.js';
import { clip, Form, FormOrNone, PageNumber, pageOf, Query, Text, Uuid } from '../../http/schemas.js';
import { renderFragment } from '../../views/render.js';
import { translator } from '../../i18n/i18n.js';
import { diffLines } from '../../posts/line-diff.js';
import { markdownWordsOf, renderMarkdown } from '../../posts/markdown.js';
import {
  autosavePost,
  checkAdminPostInput,
  deleteAdminPost,
  getPostToEdit,
  listEditorChoices,
  listFilterChoices,
  listPostsForAdmin,
  restoreRevision,
  saveAdminPost,
  type AdminPostFilter,
  type EditablePost,
} from '../../posts/post-admin.service.js';
import { findNewerAutosave, getRevision, listRevisions, type FeaturedSnapshot } from '../../posts/post-revision.service.js';
import { findTag } from '../../posts/post.service.js';
import { LIMITS, POST_STATUSES, postPath, type Post, type PostStatus } from '../../posts/post.js';
import type { SiteSettings } from '../../settings/settings.js';
import { getSiteSettings } from '../../settings/settings.service.js';
import { createUpload, MAX_UPLOAD_BYTES } from '../../uploads/upload.service.js';
import { checkFeaturedImage, getUpload, listRecentUploads } from '../../uploads/media.service.js';
import {
  emptyFeaturedForm,
  featuredFieldErrors,
  readEditorBody,
  readFeaturedForm,
  sentFeaturedForm,
  type FeaturedForm,
} from '../media/featured-form.js';
import { PostDeletePage } from '../../views/pages/admin/posts/post-delete.page.js';
import { EditorLinks, editorHeading, PostEditorPage, type PostEditorModel } from '../../views/pages/admin/posts/post-editor.page.js';
import { PostListPage, type PostListFilter } from '../../views/pages/admin/posts/post-list.page.js';
import {
  RevisionDiffPage,
  RevisionsPage,
  type FeaturedComparison,
  type FeaturedSide,
} from '../../views/pages/admin/posts/revisions.page.js';
import { UploadResultPage, type UploadResultModel } from '../../views/pages/admin/posts/upload-result.page.js';
import { actorOf, requireThat, sendAdminPage, type AdminDeps } from '../admin-page.js';
import { sectionText } from '../admin-i18n.js';
import { postMessages } from './posts.messages.js';
import { findEditorState, keepEditorState, type EditorState } from './editor-state.js';
import { postProblemOf, type PostErrors } from './post-problems.js';
import { uploadProblemOf, type UploadProblem } from '../media/upload-problems.js';
import { BULK_RESULT_FIELDS, bulkNoticeOf, listBack, PostParams, revisionSides } from './review.routes.js';
import { RevisionSides } from '../../views/pages/admin/posts/revision-sides.js';
import {
  applyOp,
  EDITOR_FIELDS,
  EditorFields,
  fieldErrors,
  formFromPost,
  newPostForm,
  padForm,
  parsePostForm,
  readOp,
  readPostForm,
  type PostForm,
} from './post-form.js';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const RevisionParams = Type.Object({ id: Uuid, revisionId: Uuid });
// The list's filters as its form sends them, its page, and what a deletion or a bulk action says back.
const ListQuery = Query({
  q: Text,
  blog: Text,
  author: Text,
  status: Text,
  tag: Text,
  page: PageNumber,
  deleted: Text,
  ...BULK_RESULT_FIELDS,
});
// form: a kept editor form (editor-state.ts) that a POST redirected to.
const NewQuery = Query({ blog: Text, featured: Text, form: Text });
const EditQuery = Query({ saved: Text, restored: Text, discarded: Text, form: Text });
// The editor's form: multipart as the page sends it (its parts are read in the route), urlencoded from older pages.
const EditorBody = FormOrNone(EDITOR_FIELDS);
const isPostStatus = (value: string): value is PostStatus => (POST_STATUSES as readonly string[]).includes(value);

const markdownWordsFor = (site: SiteSettings) => markdownWordsOf(translator(site.language, site.timeZone));
/** The editor's heading for a post titled `title`, as a reload of its editor shows it (autosave answers). */
const headingIn = (site: SiteSettings, title: string) => editorHeading(sectionText(postMessages, site.language), title);
/** A saved post as the editor shows it: with its public address once published, its preview before. */
function editorPostOf(post: { id: string; title: string; status: PostStatus; slug: string }, blogSlug: string) {
  const path = postPath(blogSlug, post.slug);
  const published = post.status === 'published';
  return { id: post.id, title: post.title, status: post.status, publicUrl: published ? path : null, previewUrl: published ? null : path };
}
const wantsJson = (request: FastifyRequest) => /application\/json/.test(request.headers.accept ?? '');

/** The actor, who must be someone who writes posts (moderators are not). */
function writer(request: FastifyRequest): Actor {
  const actor = actorOf(request);
  requireThat(canWritePosts(actor));
  return actor;
}

export const adminPostRoutes: FastifyPluginAsyncTypebox<AdminDeps> = async (app, deps) => {
  const { db } = deps;

  // Only this plugin reads multipart bodies; files are streamed in the handler, after the
  // admin's preHandlers have checked the session and the CSRF token.
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 2000, parts: 12 } });

  const sendEditor = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    existing: EditablePost | undefined,
    model: Omit<PostEditorModel, 'blogs' | 'people' | 'morePeople' | 'post' | 'featured'> & { featured: FeaturedForm; uploaded?: boolean },
  ) => {
    // The person selects offer everyone already chosen in the form, and a capped set of others.
    const chosenIds = [...model.form.authors.map((a) => a.personId), ...model.form.boxes.flatMap((b) => b.contacts.map((c) => c.personId))];
    const choices = await listEditorChoices(db, actor, { query: model.peopleQuery ?? '', chosenIds });
    const { featured: values, uploaded, ...rest } = model;
    // The newest uploads to pick from, and the chosen one wherever it is in the library.
    const recent = await listRecentUploads(db, 24);
    const chosen = values.uploadId && !recent.some((u) => u.id === values.uploadId) ? await getUpload(db, values.uploadId) : undefined;
    const featured = { values, choices: chosen ? [chosen, ...recent] : recent, ...(uploaded ? { uploaded } : {}) };
    // The post's own blog stays choosable even when the actor could not put a new post there.
    const blogs = existing && !choices.blogs.some((b) => b.id === existing.blogId) ? [existing.blog, ...choices.blogs] : choices.blogs;
    const post = existing && editorPostOf(existing, existing.blog.slug);
    return sendAdminPage(deps, request, reply, 'posts', (_c, chrome) => (
      <PostEditorPage
        chrome={chrome}
        model={{ ...rest, ...(post ? { post } : {}), blogs, people: choices.people, morePeople: choices.morePeople, featured }}
      />
    ));
  };

  /** Shows a kept form, or says it is gone (unknown, expired, another's) so the caller shows the editor afresh. */
  const sendKeptEditor = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    existing: EditablePost | undefined,
    formId: string | undefined,
  ): Promise<'gone' | 'none' | FastifyReply> => {
    if (formId === undefined) return 'none';
    const kept = await findEditorState(db, actor.accountId, existing?.id ?? null, formId);
    if (!kept) return 'gone';
    const { preview, ...state } = kept;
    const site = preview ? await getSiteSettings(db) : undefined;
    return sendEditor(request, reply, actor, existing, {
      ...state,
      form: padForm(state.form),
      unsaved: true,
      ...(site ? { preview: renderMarkdown(state.form.body, markdownWordsFor(site)) } : {}),
    });
  };

  app.get('/admin/posts', { schema: { querystring: ListQuery } }, async (request, reply) => {
    const actor = writer(request);
    const query = request.query;
    const page = pageOf(query.page);
    const filter: PostListFilter = {
      q: clip(query.q, 200),
      blog: clip(query.blog, 40),
      author: clip(query.author, 40),
      status: clip(query.status, 20),
      tag: clip(query.tag, 100),
    };
    const tag = filter.tag ? await findTag(db, filter.tag) : undefined;
    const serviceFilter: AdminPostFilter = {
      ...(filter.q.trim() ? { q: filter.q } : {}),
      ...(ID.test(filter.blog) ? { blogId: filter.blog } : {}),
      ...(ID.test(filter.author) ? { authorId: filter.author } : {}),
      ...(isPostStatus(filter.status) ? { status: filter.status } : {}),
      // An unknown tag matches nothing rather than everything.
      ...(filter.tag ? { tagId: tag?.id ?? 'none' } : {}),
    };
    const [list, choices] = await Promise.all([listPostsForAdmin(db, actor, serviceFilter, page, 25), listFilterChoices(db, actor)]);
    const notice = query.deleted === '1' ? ('deleted' as const) : undefined;
    const bulk = bulkNoticeOf(query);
    const review = { back: listBack(request.url), ...(bulk ? { bulk } : {}) };
    return sendAdminPage(deps, request, reply, 'posts', (_c, chrome) => (
      <PostListPage chrome={chrome} model={{ filter, ...list, choices, ...(notice ? { notice } : {}), ...review }} />
    ));
  });

  app.get('/admin/posts/new', { schema: { querystring: NewQuery } }, async (request, reply) => {
    const actor = writer(request);
    const kept = await sendKeptEditor(request, reply, actor, undefined, request.query.form);
    if (kept !== 'gone' && kept !== 'none') return kept;
    const choices = await listEditorChoices(db, actor);
    const wanted = request.query.blog ?? '';
    const blogId = choices.blogs.some((b) => b.id === wanted) ? wanted : (choices.blogs[0]?.id ?? '');
    // The media library's "new post with this image" link names the upload to start with.
    const featuredId = request.query.featured !== undefined && ID.test(request.query.featured) ? request.query.featured : '';
    const upload = featuredId ? await getUpload(db, featuredId) : undefined;
    const featured = upload ? { ...emptyFeaturedForm(), uploadId: upload.id, alt: upload.alt } : emptyFeaturedForm();
    return sendEditor(request, reply, actor, undefined, {
      form: newPostForm(actor, blogId),
      errors: {},
      featured,
      ...(kept === 'gone' ? { formGone: true } : {}),
    });
  });

  app.get('/admin/posts/:id/edit', { schema: { params: PostParams, querystring: EditQuery } }, async (request, reply) => {
    const actor = writer(request);
    const post = await getPostToEdit(db, actor, request.params.id);
    const kept = await sendKeptEditor(request, reply, actor, post, request.query.form);
    if (kept !== 'gone' && kept !== 'none') return kept;
    const site = await getSiteSettings(db);
    const notice = request.query.saved === '1' ? ('saved' as const) : request.query.restored === '1' ? ('restored' as const) : undefined;
    const newer = await findNewerAutosave(db, post);
    const offer = newer ? { autosave: { postId: post.id, revisionId: newer.id, createdAt: newer.createdAt } } : {};
    const discarded = request.query.discarded === '1' ? { discarded: true } : {};
    return sendEditor(request, reply, actor, post, {
      form: formFromPost(post, site.timeZone),
      errors: {},
      featured: { ...post.featuredImage },
      ...(notice ? { notice } : {}),
      ...offer,
      ...discarded,
      ...(kept === 'gone' ? { formGone: true } : {}),
    });
  });

  /**
   * Saves, or handles a row button or the preview button by showing the form again with everything kept.
   * A form shown again is kept and redirected to (post/redirect/get), so Back and Reload never resend it.
   */
  const handleEditor = async (request: FastifyRequest, reply: FastifyReply, id: string | undefined, urlencoded: EditorFields | null) => {
    const actor = writer(request);
    // Someone else's post is refused before anything of it is read from the form.
    const existing = id ? await getPostToEdit(db, actor, id) : undefined;
    const site = await getSiteSettings(db);
    const { body, file, problem } = await readEditorBody(request, urlencoded);
    const form = readPostForm(body);
    const op = readOp(body);
    // The featured image: a file sent with the form is stored first and chosen, so whatever else is
    // wrong, the form comes back with it picked and nothing needs uploading again.
    const featured = readFeaturedForm(body);
    const featuredErrors: PostErrors = problem ? { 'featured-file': problem } : {};
    let uploaded = false;
    if (file) {
      try {
        const upload = await createUpload(db, deps.uploadsDir, actor, { data: file, alt: featured.alt });
        featured.uploadId = upload.id;
        uploaded = true;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'invalid')) throw error;
        featuredErrors['featured-file'] = uploadProblemOf(error.details.fields?.file ?? 'invalid');
      }
    }
    const peopleQuery = clip(body.people_q, 120);
    const pressed = clip(body.op, 40);
    const showAgain = async (state: EditorState) => {
      const formId = await keepEditorState(db, actor.accountId, existing?.id ?? null, state);
      const path = existing ? `/admin/posts/${existing.id}/edit` : '/admin/posts/new';
      return reply.header('cache-control', 'private, no-store').redirect(`${path}?form=${formId}`, 303);
    };
    const again = (shown: PostForm, errors: PostErrors, extra: Pick<EditorState, 'focus' | 'preview'> = {}) =>
      showAgain({ form: shown, errors: { ...featuredErrors, ...errors }, ...extra, featured, uploaded, peopleQuery });

    // The no-script person search: the form comes back with the matches offered in the person selects.
    if (pressed === 'find-people') return again(form, {}, { focus: 'people-search' });
    // Enter in the search box presses the form's first button, Save (HTML has no default button per
    // field). A term other than the one the lists show is a search the person has not run yet: run it
    // and say the post is not saved, rather than save with the wrong people offered.
    const pressedSave = ['save', ''].includes(pressed);
    if (pressedSave && peopleQuery.trim() && peopleQuery !== clip(body.people_q_shown, 120))
      return showAgain({
        form,
        errors: featuredErrors,
        focus: 'people-search',
        featured,
        uploaded,
        peopleQuery,
        searchedInsteadOfSave: true,
      });

    if (pressed === 'featured-upload') {
      if (!file && !problem) featuredErrors['featured-file'] = 'required';
      return again(form, {});
    }

    if (op.kind === 'preview') return again(form, {}, { preview: true });
    if (op.kind !== 'save') {
      const { form: next, focus } = applyOp(form, op);
      return again(next, {}, focus ? { focus } : {});
    }

    const parsed = parsePostForm(form, site.timeZone);
    const errors = {
      ...parsed.errors,
      ...fieldErrors(checkAdminPostInput(actor, parsed.input), parsed.rows),
      ...featuredFieldErrors(await checkFeaturedImage(db, featured)),
    };
    if (!(await listBlogs(db)).some((b) => b.id === form.blogId)) errors['post-blog'] = form.blogId ? 'unknown' : 'required';
    if (Object.keys(errors).length || Object.keys(featuredErrors).length) return again(form, errors);
    try {
      const { post } = await saveAdminPost(db, actor, id, { ...parsed.input, featuredImage: featured });
      return reply.redirect(`/admin/posts/${post.id}/edit?saved=1`, 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'invalid') {
        // Raised while saving, past the checks above (its codes are not typed): any code without words reads as "invalid".
        const problems = Object.fromEntries(
          Object.entries(error.details.fields ?? {}).map(([field, code]) => [field, postProblemOf(code)]),
        );
        return again(form, fieldErrors(problems, parsed.rows));
      }
      // Saved by someone else meanwhile: nothing of theirs or this person's is lost. The form comes
      // back as typed, now based on their save, so pressing Save again is a choice to save over it.
      if (error.code === 'conflict' && error.details.field === 'version' && existing) {
        const now = await getPostToEdit(db, actor, existing.id);
        return again({ ...form, version: now.updatedAt.toISOString() }, { form: 'edited_meanwhile' });
      }
      if (error.code === 'conflict') return again(form, { [error.details.field === 'slug' ? 'post-slug' : 'form']: 'conflict' });
      // A person picked in the form was deleted meanwhile.
      if (error.code === 'not_found') return again(form, { form: 'not_found' });
      throw error;
    }
  };

  app.post('/admin/posts', { schema: { body: EditorBody }, config: { csrfInFirstPart: true } }, (request, reply) =>
    handleEditor(request, reply, undefined, request.body),
  );
  app.post('/admin/posts/:id', { schema: { params: PostParams, body: EditorBody }, config: { csrfInFirstPart: true } }, (request, reply) =>
    handleEditor(request, reply, request.params.id, request.body),
  );

  /** A new draft's links, as its editor shows them after a reload (the first autosave's answer). */
  const draftLinks = async (post: Post): Promise<string> => {
    const blog = await getBlogById(db, post.blogId);
    const context = await viewContext(deps, `/admin/posts/${post.id}/edit`);
    return renderFragment(context, <EditorLinks post={editorPostOf(post, blog.slug)} />);
  };

  // Never lose work: the editor's script turns a new post into a draft as soon as it has a title
  // or text, then autosaves to that draft. A draft without a title yet is given a placeholder.
  app.post('/admin/posts/autosave', { schema: { body: EditorFields } }, async (request, reply) => {
    const actor = writer(request);
    const site = await getSiteSettings(db);
    const { input } = parsePostForm(readPostForm(request.body), site.timeZone);
    reply.header('cache-control', 'private, no-store');
    if (!input.title.trim() && !(input.body ?? '').trim()) return reply.code(422).send({ ok: false, error: 'empty' });
    const title = input.title.trim() || sectionText(postMessages, site.language)('editor.untitled');
    // A featured image already picked goes with the new draft once its alt text is there too.
    const featured = sentFeaturedForm(request.body);
    const featuredImage = featured && Object.keys(await checkFeaturedImage(db, featured)).length === 0 ? { featuredImage: featured } : {};
    try {
      const { post } = await saveAdminPost(db, actor, undefined, {
        ...input,
        title,
        statusAction: 'draft',
        publishAt: null,
        ...featuredImage,
      });
      return reply.send({
        ok: true,
        id: post.id,
        editUrl: `/admin/posts/${post.id}/edit`,
        formUrl: `/admin/posts/${post.id}`,
        autosaveUrl: `/admin/posts/${post.id}/autosave`,
        version: post.updatedAt.toISOString(),
        // The page is the draft's editor now: its heading and links as a reload of editUrl would show them.
        heading: headingIn(site, post.title),
        links: await draftLinks(post),
        // Leaving loses nothing unless an image waits for its alt text (it stays in the form only).
        holdsForm: !featured || 'featuredImage' in featuredImage,
        savedAt: new Date().toISOString(),
      });
    } catch (error) {
      if (!(error instanceof AppError) || (error.code !== 'invalid' && error.code !== 'conflict' && error.code !== 'not_found'))
        throw error;
      return reply.code(error.status).send({ ok: false, error: error.code });
    }
  });

  // Called by the editor's script every 20 seconds or so while someone types; answers JSON.
  app.post('/admin/posts/:id/autosave', { schema: { params: PostParams, body: EditorFields } }, async (request, reply) => {
    const actor = writer(request);
    const site = await getSiteSettings(db);
    const { input } = parsePostForm(readPostForm(request.body), site.timeZone);
    const featured = sentFeaturedForm(request.body);
    const { title, ...result } = await autosavePost(db, actor, request.params.id, {
      ...input,
      ...(featured ? { featuredImage: featured } : {}),
    });
    return reply
      .header('cache-control', 'private, no-store')
      .send({ ok: true, ...result, heading: headingIn(site, title), savedAt: new Date().toISOString() });
  });

  // Live preview: Markdown in, the HTML fragment the post page would show out.
  app.post('/admin/preview', { schema: { body: Form({ body: Text }) } }, async (request, reply) => {
    writer(request);
    const site = await getSiteSettings(db);
    const html = renderMarkdown(clip(request.body.body, LIMITS.body), markdownWordsFor(site));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-store').send(html);
  });

  app.get('/admin/posts/:id/revisions', { schema: { params: PostParams } }, async (request, reply) => {
    const actor = writer(request);
    const post = await getPostToEdit(db, actor, request.params.id);
    const revisions = await listRevisions(db, post.id);
    return sendAdminPage(deps, request, reply, 'posts', (_c, chrome) => (
      <RevisionsPage chrome={chrome} post={post} revisions={revisions} />
    ));
  });

  app.get('/admin/posts/:id/revisions/:revisionId', { schema: { params: RevisionParams } }, async (request, reply) => {
    const actor = writer(request);
    const post = await getPostToEdit(db, actor, request.params.id);
    const revision = await getRevision(db, post.id, request.params.revisionId);
    // The comparison runs from the older side to the newer: an autosave may be newer than the saved post.
    const sides = revisionSides(post, revision, await listRevisions(db, post.id));
    const [from, to] = sides.revisionIsNewer ? [post, revision.snapshot] : [revision.snapshot, post];
    const diffs = (['title', 'lead', 'body'] as const).map((f) => ({ field: f, lines: diffLines(from[f], to[f]) }));
    const featured = await featuredComparison(from.featuredImage, to.featuredImage);
    return sendAdminPage(deps, request, reply, 'posts', (_c, chrome) => (
      <RevisionDiffPage chrome={chrome} model={{ post, revision, diffs, featured }} sides={<RevisionSides model={sides} />} />
    ));
  });

  /** The featured images of a comparison's two sides; a revision from before they were recorded says so. */
  const featuredComparison = async (older?: FeaturedSnapshot, newer?: FeaturedSnapshot): Promise<FeaturedComparison> => {
    if (!older || !newer) return { recorded: false };
    const side = async (f: FeaturedSnapshot): Promise<FeaturedSide | null> => {
      const upload = f.uploadId ? await getUpload(db, f.uploadId) : undefined;
      if (!f.uploadId) return null;
      // An upload deleted since is still named by its id, so the comparison shows that it changed.
      return upload
        ? { name: upload.alt || upload.fileName, thumbnailUrl: upload.thumbnailUrl, width: upload.width, height: upload.height }
        : { name: f.uploadId };
    };
    const [a, b] = await Promise.all([side(older), side(newer)]);
    const fields = (['alt', 'caption', 'credit'] as const).map((f) => ({
      field: f,
      // Words left in the form while no image was chosen are not part of the post.
      lines: diffLines(older.uploadId ? older[f] : '', newer.uploadId ? newer[f] : ''),
    }));
    return { recorded: true, older: a, newer: b, changed: older.uploadId !== newer.uploadId, fields };
  };

  app.post('/admin/posts/:id/revisions/:revisionId/restore', { schema: { params: RevisionParams } }, async (request, reply) => {
    const actor = writer(request);
    const { id, revisionId } = request.params;
    await restoreRevision(db, actor, id, revisionId);
    return reply.redirect(`/admin/posts/${id}/edit?restored=1`, 303);
  });

  app.get('/admin/posts/:id/delete', { schema: { params: PostParams } }, async (request, reply) => {
    const actor = writer(request);
    const post = await getPostToEdit(db, actor, request.params.id);
    return sendAdminPage(deps, request, reply, 'posts', (_c, chrome) => <PostDeletePage chrome={chrome} post={post} />);
  });

  app.post('/admin/posts/:id/delete', { schema: { params: PostParams } }, async (request, reply) => {
    const actor = writer(request);
    await deleteAdminPost(db, actor, request.params.id);
    return reply.redirect('/admin/posts?deleted=1', 303);
  });

  // An image for a post. With JavaScript the editor sends it with fetch and inserts the answer's
  // Markdown at the cursor; without, the answer is a page showing the Markdown to paste.
  app.post('/admin/uploads', { config: { csrfInFirstPart: true } }, async (request, reply) => {
    const actor = writer(request);
    const json = wantsJson(request);
    let data: Buffer | undefined;
    let alt = '';
    let postId: string | undefined;
    let problem: UploadProblem | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const buffer = await part.toBuffer();
          if (part.fieldname === 'file' && !data) data = buffer;
        } else if (part.fieldname === 'alt') {
          alt = String(part.value).slice(0, 300);
        } else if (part.fieldname === 'post' && ID.test(String(part.value))) {
          postId = String(part.value);
        }
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') problem = 'too_large';
      else if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') problem = 'required';
      else if (code?.startsWith('FST_')) problem = 'invalid';
      else throw error;
    }
    const answer = async (model: UploadResultModel, status: number) =>
      json
        ? reply.code(status).header('cache-control', 'private, no-store').send(model)
        : sendAdminPage(deps, request, reply, 'posts', (_c, chrome) => <UploadResultPage chrome={chrome} model={model} />, status);
    const refused = (code: UploadProblem) =>
      answer({ ok: false, error: code, ...(postId ? { postId } : {}) }, code === 'too_large' ? 413 : 422);
    if (problem) return refused(problem);
    if (!data) return refused('required');
    try {
      const upload = await createUpload(db, deps.uploadsDir, actor, { data, alt });
      return answer(
        { ok: true, url: upload.url, alt: upload.alt, markdown: upload.markdown, ...(postId ? { postId } : {}) },
        json ? 201 : 200,
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'invalid') return refused(uploadProblemOf(error.details.fields?.file ?? 'invalid'));
      throw error;
    }
  });
};
