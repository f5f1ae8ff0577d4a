/** The one builder of a post page, for the post route and for the comment form's answer with errors. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { latestLiveEventSeq } from '../storage/live-events.js';
import { canEditPost } from '../accounts/account.js';
import { getBlogById } from '../blogs/blog.service.js';
import { AppError } from '../errors.js';
import { isClosed } from '../comments/comment.js';
import { getCommentRowForAnchor, threadPageCount, threadPageSince, type ThreadPage } from '../comments/comment.service.js';
import { OWN_COMMENTS_COOKIE, readOwnComments } from '../comments/own-comments-cookie.js';
import { EDIT_LINK_COOKIE, EDIT_LINK_MINUTES, readEditLinkCookie } from '../comments/edit-link.js';
import { makeQuestion } from '../comments/spam/question.js';
import { csrfFor } from '../http/auth.js';
import { frameBlog, sendPage, siteFrame, type PageDeps } from '../http/page-context.js';
import { CommentForm, emptyForm, QuestionField, type CommentFormState } from '../views/partials/comment-form.js';
import { dependsOn, followChanges, punchHole, type PageRefresh, type RefreshPart } from '../http/page-cache.js';
import type { KeptDeflate } from '../http/gzip-splice.js';
import { jsonLdProperty } from '../views/json-ld.js';
import { renderFragment } from '../views/render.js';
import { PageSplices } from '../views/splices.js';
import type { ViewContext } from '../views/context.js';
import { CommentsHeading, CommentThread, commentFragments, keptItemsOf, keptThreadRuns } from '../views/partials/comment-thread.js';
import { CommentCountLink, PostArticle, PostPage, type PostArticleModel } from '../views/pages/posts/post.page.js';
import { hideEmails } from '../shared/email-obfuscation.js';
import { markdownWordsOf, renderMarkdown } from './markdown.js';
import { PreviewBanner, type PreviewBannerModel } from '../views/partials/preview-banner.js';
import { commentCountOf, findUnpublishedPost, type PublishedPostView } from './post.service.js';
import { threadPageOf } from './kept-thread.js';
import { postViewTags, publishedPostOf } from './kept-post.js';
import { postTag } from './post-tags.js';

export interface PostPageRequest {
  blogSlug: string;
  slug: string;
  commentsPage: number;
  /** Set when the comment form comes back with the person's input and errors. */
  form?: CommentFormState;
  replyToId?: string;
  status?: number;
  /** A post not out yet, opened through a preview link. */
  preview?: { view: PublishedPostView; expiresAt: Date };
}

/**
 * A preview is its viewer's alone: kept by no browser, page cache or CDN, never indexed, and its
 * address (a link token, or a draft's address) is sent to no other site.
 */
export function previewHeaders(reply: FastifyReply): void {
  reply.header('x-robots-tag', 'noindex, nofollow').header('referrer-policy', 'no-referrer').header('cdn-cache-control', 'no-store');
}

/** The draft or scheduled post at this address, when the logged-in staff member may edit it. */
async function unpublishedForStaff(deps: PageDeps, request: FastifyRequest, blogId: string, slug: string) {
  const { actor } = request;
  if (!actor) return undefined;
  const view = await findUnpublishedPost(deps.db, blogId, slug);
  if (!view) return undefined;
  const subject = { blogId: view.post.blog.id, authorPersonIds: view.post.authors.map((a) => a.person.id) };
  return canEditPost(actor, subject) ? view : undefined;
}

/** Renders a post page with its debate: the page route's answer, and the comment route's when it shows the form again with errors. */
export async function sendPostPage(
  deps: PageDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  page: PostPageRequest,
): Promise<FastifyReply> {
  const { db } = deps;
  let view: PublishedPostView;
  let banner: PreviewBannerModel | undefined;
  let blog;
  if (page.preview) {
    view = page.preview.view;
    blog = await getBlogById(db, view.post.blog.id);
    const { status, publishedAt } = view.post;
    banner = {
      kind: 'link',
      status: status === 'scheduled' ? 'scheduled' : 'draft',
      publishAt: publishedAt,
      expiresAt: page.preview.expiresAt,
    };
  } else {
    blog = await frameBlog(deps, request, page.blogSlug);
    try {
      view = await publishedPostOf(deps, request, blog, page.slug);
    } catch (error) {
      // Staff who may edit a post not out yet see it at its address; everyone else is told it is not there.
      const staffView =
        error instanceof AppError && error.code === 'not_found' && (await unpublishedForStaff(deps, request, blog.id, page.slug));
      if (!staffView) throw error;
      view = staffView;
      const { status, publishedAt, id } = view.post;
      banner = {
        kind: 'staff',
        status: status === 'scheduled' ? 'scheduled' : 'draft',
        publishAt: publishedAt,
        editUrl: `/admin/posts/${id}/edit`,
      };
    }
  }
  const { previous, next } = view;
  // A preview shows the date the post would carry if it went out now.
  const post = banner && !view.post.publishedAt ? { ...view.post, publishedAt: new Date() } : view.post;
  if (banner) {
    previewHeaders(reply);
    page = { ...page, form: undefined, replyToId: undefined, commentsPage: 1 };
  }
  // Kept until this post, its neighbours or the blog's list of posts change (the links to the
  // neighbours show their titles). A change to its comments alone (`post:` without `post-text:`)
  // is followed where the page can (followComments), and then drops it no more.
  dependsOn(request, postViewTags(view));
  // A reply link names a comment of this post; any other id would cost a page rendered per id.
  if (page.replyToId && !page.form && (await getCommentRowForAnchor(db, page.replyToId))?.postId !== post.id) {
    return reply.redirect(`/${blog.slug}/${post.slug}${page.commentsPage > 1 ? `?comments-page=${page.commentsPage}` : ''}`, 303);
  }
  const { site: settings } = await siteFrame(deps, request);
  // Numbers past the end are sent to the last page, counted in threads (the comment count, replies
  // and all, let numbers past it show the last page under their own address); rendered, each would
  // cost a page per number. Page 1 is always there: no count needed.
  if (!banner && !page.form && page.commentsPage > 1) {
    const last = await threadPageCount(db, post.id, settings.commentsPerPage);
    if (page.commentsPage > last) return reply.redirect(`/${blog.slug}/${post.slug}${last > 1 ? `?comments-page=${last}` : ''}`, 303);
  }
  const now = new Date();
  const ownIds = readOwnComments(deps.secret, request.cookies[OWN_COMMENTS_COOKIE]);
  const editLink = readEditLinkCookie(deps.secret, request.cookies[EDIT_LINK_COOKIE], now);
  const postUrl = `/${blog.slug}/${post.slug}`;
  const open = !isClosed(post, settings.commentsCloseAfterDays, now);
  const form: CommentFormState = page.form ?? emptyForm();
  // Logged-in staff write under their own name with a badge, and answer no question.
  const { actor } = request;
  if (banner) {
    // A preview shows the form as readers will see it, but nothing can be posted to a post not out yet.
  } else if (actor) {
    const badge = post.authors.some((a) => a.person.id === actor.personId) ? 'author' : 'staff';
    form.staff = { name: actor.name, badge, csrf: csrfFor(deps.secret, request), moderateUrl: `/admin/comments?post=${post.id}` };
  } else if (open && settings.questionEnabled) {
    form.question = makeQuestion(deps.secret, now, { postId: post.id, startedAt: form.questionStartedAt });
  }
  const atWordOf = (lang: string) => (lang === 'da' ? 'snabel-a' : 'at');
  // Read before the thread: a stream that starts from here misses nothing the page does not show.
  const liveAfter = open && !banner ? await latestLiveEventSeq(db).catch(() => undefined) : undefined;
  const thread = await threadPageOf(deps, request, post, page.commentsPage, settings.commentsPerPage, ownIds, atWordOf(settings.language));
  const replyTo = page.replyToId ? findInThread(thread.comments, page.replyToId) : undefined;
  if (replyTo) form.replyTo = { id: replyTo.id, authorName: hideEmails(replyTo.authorName, atWordOf(settings.language)) };
  // A page with the person's own input, their held comments or a staff member's form is theirs alone.
  // A reply form is not: it is the same for every reader but its question, which is a hole like the plain page's.
  const personal = Boolean(page.form) || ownIds.length > 0 || Boolean(editLink) || Boolean(actor) || Boolean(banner);
  const splices = new PageSplices();
  return sendPage(
    deps,
    request,
    reply,
    (context) => {
      const { i18n } = context;
      const { question } = form;
      // The question is single-use: a cached copy of this page gets a fresh one for every reader.
      if (question && !personal) {
        punchHole(request, {
          fragment: renderFragment(context, <QuestionField question={question} />),
          fill: questionFiller(context, deps.secret, post.id),
        });
      }
      // The form among the comments, or a writer's edit link, makes the list this page's own.
      const runs = replyTo || editLink || thread.comments.length === 0 ? undefined : keptThreadRuns(context, thread.comments, open);
      if (!personal) {
        followChanges(
          request,
          followComments(context, deps, {
            post,
            perPage: settings.commentsPerPage,
            atWord: atWordOf(settings.language),
            open,
            thread,
            runs,
            liveAfter,
          }),
        );
      }
      return (
        <PostPage
          model={{
            post,
            ...(blog.owners[0] ? { owner: blog.owners[0] } : {}),
            blogDescription: blog.description,
            ...(previous ? { previous } : {}),
            ...(next ? { next } : {}),
          }}
          article={splices.add(
            articleBytes(context, post, () => ({
              post,
              bodyHtml: renderMarkdown(post.body, { ...markdownWordsOf(i18n), images: post.bodyImages ?? {} }),
            })),
          )}
          comments={
            <CommentThread
              model={{
                ...thread,
                postUrl,
                open,
                ...(runs
                  ? { keptItems: keptItemsOf(runs, splices) }
                  : { fragments: commentFragments(context, thread.comments, open, splices) }),
                ...(replyTo ? { replyToId: replyTo.id } : {}),
                ...(editLink
                  ? {
                      editLink: {
                        commentId: editLink.commentId,
                        href: `/comments/manage?token=${encodeURIComponent(editLink.token)}`,
                        minutes: EDIT_LINK_MINUTES,
                      },
                    }
                  : {}),
                ...(liveAfter !== undefined ? { live: { postId: post.id, after: liveAfter } } : {}),
              }}
              form={
                banner ? (
                  <fieldset class="preview-comments" disabled>
                    <legend>{i18n.t('preview.commentsLater')}</legend>
                    <CommentForm action={`${postUrl}/comments`} state={form} postUrl={postUrl} postId={post.id} />
                  </fieldset>
                ) : (
                  <CommentForm action={`${postUrl}/comments`} state={form} postUrl={postUrl} postId={post.id} />
                )
              }
            />
          }
          {...(banner ? { banner: <PreviewBanner model={banner} /> } : {})}
        />
      );
    },
    page.status ?? 200,
    { private: personal, splices },
  );
}

// What a kept post view's article holds (src/posts/kept-post.ts), as bytes. A kept view is frozen,
// and a new object whenever anything in it changed, the settings (language, time zone) included:
// a `site` change counts against every view's tags.
const articles = new WeakMap<PublishedPostView['post'], Buffer>();

/** What the post's <article> holds (PostArticle) as UTF-8, rendered once per kept view. */
function articleBytes(context: ViewContext, post: PublishedPostView['post'], model: () => PostArticleModel): Buffer {
  const kept = articles.get(post);
  if (kept) return kept;
  const bytes = Buffer.from(renderFragment(context, <PostArticle model={model()} />), 'utf8');
  // A view read for this page alone (a preview, a staff member's draft) is not frozen: it is not kept either.
  if (Object.isFrozen(post)) articles.set(post, bytes);
  return bytes;
}

interface ShownComments {
  post: { id: string; commentCount: number; commentsOpen: boolean };
  perPage: number;
  atWord: string;
  open: boolean;
  /** The page of comments as the kept page now shows it: rendered, then moved on by each refresh. */
  thread: ThreadPage;
  /** Its items as put in kept compressed (keptThreadRuns); undefined when they were rendered into the page itself. */
  runs: readonly KeptDeflate[] | undefined;
  liveAfter: number | undefined;
}

/**
 * How a kept post page follows a change to the post's comments (the `post:` tag) without being
 * rendered again, while the thread has as many pages: the count (in the byline, the heading and
 * the structured data) and where the live stream starts are put in anew, and so is the page's own
 * list of comments when it changed, from runs kept compressed (only the run with the change is
 * made again). A comment in a long debate so leaves its first page kept for its readers and makes
 * the last page's readers no full render. The reads are the render's, in its order: the stream's
 * start before the comments. A page whose list was rendered into it (a reply form among the
 * comments, none yet) follows only while its comments are unchanged.
 */
function followComments(context: ViewContext, deps: PageDeps, shown: ShownComments): PageRefresh {
  const { post } = shown;
  // The byline's link is there while comments are open or there are some.
  const linkShown = (count: number) => post.commentsOpen || count > 0;
  const parts = (count: number, liveAfter: number | undefined, runs: readonly KeptDeflate[] | undefined): RefreshPart[] => [
    jsonLdProperty('commentCount', count),
    renderFragment(context, <CommentsHeading total={count} />),
    ...(linkShown(count) ? [renderFragment(context, <CommentCountLink count={count} />)] : []),
    ...(liveAfter === undefined ? [] : [`data-live-after="${liveAfter}"`]),
    ...(runs ? [{ kept: runs }] : []),
  ];
  return {
    tag: postTag(post.id),
    parts: parts(post.commentCount, shown.liveAfter, shown.runs),
    refresh: async () => {
      const liveAfter = shown.liveAfter === undefined ? undefined : await latestLiveEventSeq(deps.db).catch(() => undefined);
      if (shown.liveAfter !== undefined && liveAfter === undefined) return undefined;
      const count = await commentCountOf(deps.db, post.id);
      if (count === undefined || linkShown(count) !== linkShown(post.commentCount)) return undefined;
      // Compared row for row with what the page was made from; a page more (or fewer) renders it again.
      const now = await threadPageSince(deps.db, { id: post.id, commentCount: count }, shown.thread, shown.perPage, shown.atWord);
      if (!now) return undefined;
      if (now === shown.thread) return parts(count, liveAfter, shown.runs);
      if (!shown.runs || now.comments.length === 0) return undefined;
      const runs = keptThreadRuns(context, now.comments, shown.open);
      // The next change is looked for from here: the page's comments and runs as these parts show them
      // (parts() puts every part in anew), so a debate's refreshes each read only what changed since the last.
      shown.thread = now;
      shown.runs = runs;
      return parts(count, liveAfter, runs);
    },
  };
}

/**
 * Renders the question field fresh for each reader of a cached page. The field is rendered once
 * per operator with stand-ins, and each reader's numbers and token are put in their places; they
 * are digits and base64url, which need no escaping. Anything unexpected falls back to rendering.
 */
function questionFiller(context: ViewContext, secret: string, postId: string): () => string {
  const STAND_IN = { a: 1_234_567, b: 7_654_321, token: 'ytring-question-token' };
  // Made at the first fill: a page the cache does not keep is never filled.
  let made: { templates: Record<'plus' | 'minus', string>; usable: boolean } | undefined;
  const make = () => {
    const templates = {
      plus: renderFragment(context, <QuestionField question={{ ...STAND_IN, op: 'plus' }} />),
      minus: renderFragment(context, <QuestionField question={{ ...STAND_IN, op: 'minus' }} />),
    };
    const usable = Object.values(templates).every((t) =>
      [String(STAND_IN.a), String(STAND_IN.b), STAND_IN.token].every((s) => t.split(s).length === 2),
    );
    return { templates, usable };
  };
  return () => {
    const { templates, usable } = (made ??= make());
    const question = makeQuestion(secret, new Date(), { postId });
    if (!usable || !/^[\w.-]+$/.test(question.token)) return renderFragment(context, <QuestionField question={question} />);
    return templates[question.op]
      .replace(String(STAND_IN.a), String(question.a))
      .replace(String(STAND_IN.b), String(question.b))
      .replace(STAND_IN.token, question.token);
  };
}

function findInThread(
  comments: { id: string; authorName: string; status: string; replies: typeof comments }[],
  id: string,
): { id: string; authorName: string } | undefined {
  for (const comment of comments) {
    if (comment.id === id && comment.status === 'approved') return comment;
    const found = findInThread(comment.replies, id);
    if (found) return found;
  }
  return undefined;
}
