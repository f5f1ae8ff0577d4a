/** The public side of comments: posting (with or without JavaScript) and a fresh question for cached pages. */
import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfToken, getAccount } from '../accounts/account.service.js';
import { getBlogRowBySlug } from '../blogs/blog.service.js';
import { isDatabaseUnavailable } from '../storage/errors.js';
import { sendPage, siteFrame, type PageDeps } from '../http/page-context.js';
import { Form, Query, Text } from '../http/schemas.js';
import { translator } from '../i18n/i18n.js';
import { getCommentTarget } from '../posts/post.service.js';
import { sendPostPage } from '../posts/post-page.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { safeEqual } from '../shared/keyed-hash.js';
import { DEFAULT_SETTINGS } from '../settings/settings.js';
import { CommentForm, commentProblemKey, type CommentFormState } from '../views/partials/comment-form.js';
import { MessagePage } from '../views/pages/site/message.page.js';
import { COMMENT_LIMITS, type CommentField, type CommentProblems } from './comment.js';
import { pageOfComment, submitComment, type CommentRefusal, type SubmitResult } from './comment.service.js';
import { postedFromAnotherSite } from '../http/form-origin.js';
import { setSiteCookie } from '../http/cookies.js';
import { OWN_COMMENTS_COOKIE, OWN_COMMENTS_MAX_AGE, ownCommentsValue, readOwnComments } from './own-comments-cookie.js';
import { EDIT_LINK_COOKIE, EDIT_LINK_COOKIE_MAX_AGE, editLinkToken } from './edit-link.js';
import { PROVEN_ADDRESS_COOKIE, readProvenAddresses } from './proven-address-cookie.js';
import { makeQuestion, postOfToken, type QuestionBinding } from './spam/question.js';
import { takeOverQuestionStart } from './spam/question.service.js';
import { siteLogo } from '../settings/identity.js';

export interface CommentRouteDeps extends PageDeps {
  /** Called after mail was queued and committed, so it goes out soon. */
  onMailQueued?: () => void;
  /** A comment was stored (published or held): the live channel looks for it now rather than at its next poll. */
  onCommentStored?: () => void;
  /** Every submission's outcome, for /metrics. */
  onCommentResult?: (result: SubmitResult) => void;
}

// The form by shape only: what each field holds is the service's to judge, with the text given back.
const CommentBody = Form({
  name: Text,
  email: Text,
  body: Text,
  parent: Text,
  token: Text,
  answer: Text,
  website: Text,
  notify: Text,
});
const CommentParams = Type.Object({ blog: Type.String(), slug: Type.String() });

/** What each refusal is in HTTP; tsc fails here when the service gains a refusal the route does not know. */
const REFUSAL_STATUS: Record<CommentRefusal, 403 | 409 | 422 | 429> = {
  invalid: 422,
  closed: 403,
  honeypot: 422,
  question: 422,
  'too-fast': 422,
  duplicate: 409,
  'rate-limit': 429,
};

// Generous caps before the service's checks: it gives the precise messages, this only bounds memory.
const text = (value: string | undefined, max: number) => (value ?? '').slice(0, max);

const wantsJson = (request: FastifyRequest) => /application\/json/.test(request.headers.accept ?? '');
const isPostId = (value: string | undefined): value is string => value !== undefined && /^[0-9a-f-]{36}$/.test(value);

/**
 * The logged-in staff member behind a submission, when the form carries their session's CSRF
 * token: a forged form from elsewhere is an ordinary, anonymous comment and meets every check.
 */
function staffSender(request: FastifyRequest, body: Static<typeof CommentBody>, secret: string) {
  const { actor, sessionId } = request;
  if (!actor || !sessionId) return undefined;
  const header = request.headers['x-csrf-token'];
  const sent = [body._csrf, header].find((v): v is string => typeof v === 'string' && v.length > 0);
  return sent && safeEqual(sent, csrfToken(secret, sessionId)) ? actor : undefined;
}

export const commentRoutes: FastifyPluginAsyncTypebox<CommentRouteDeps> = async (app, deps) => {
  const { db } = deps;

  // A fresh question for the post whose form asks (cached pages, a question already sent).
  // With `from`, the question it replaces: that one is spent, and its start of writing carries over.
  app.get('/comments/question', { schema: { querystring: Query({ post: Text, from: Text }) } }, async (request, reply) => {
    const { post, from } = request.query;
    if (!isPostId(post)) return reply.code(400).header('cache-control', 'no-store').send({ error: 'post' });
    const { site: settings } = await siteFrame(deps);
    const i18n = translator(settings.language, settings.timeZone);
    const startedAt =
      from !== undefined && from.length < 1000 ? await takeOverQuestionStart(db, deps.secret, from, post, new Date()) : undefined;
    return reply.header('cache-control', 'no-store').send(questionJson(i18n, { postId: post, startedAt }));
  });

  function questionJson(i18n: ReturnType<typeof translator>, binding: QuestionBinding) {
    const q = makeQuestion(deps.secret, new Date(), binding);
    return { token: q.token, text: i18n.t('form.question', { a: q.a, b: q.b, op: i18n.t(q.op === 'plus' ? 'form.plus' : 'form.minus') }) };
  }

  app.post(
    '/:blog/:slug/comments',
    {
      bodyLimit: 64 * 1024,
      schema: { params: CommentParams, body: CommentBody },
    },
    async (request, reply) => {
      const { body } = request;
      const values = {
        name: text(body.name, COMMENT_LIMITS.name * 4),
        email: text(body.email, COMMENT_LIMITS.email * 2),
        body: text(body.body, COMMENT_LIMITS.body * 2),
        // A JSON body's `true` arrives as 'true': the schema makes every field text.
        notify: body.notify === '1' || body.notify === 'on' || body.notify === 'true',
        ...(isPostId(body.parent) ? { parentId: body.parent } : {}),
      };
      let result: SubmitResult;
      let target: { blogSlug: string; slug: string; postId: string; perPage: number; commentCount: number };
      try {
        // The blog list is kept in memory with the settings; a slug it lacks is looked up (and refused) as before.
        const { site: settings, blogs } = await siteFrame(deps);
        const blog = blogs.find((b) => b.slug === request.params.blog) ?? (await getBlogRowBySlug(db, request.params.blog));
        const post = await getCommentTarget(db, blog.id, request.params.slug);
        const postUrl = `/${blog.slug}/${post.slug}`;
        target = {
          blogSlug: blog.slug,
          slug: post.slug,
          postId: post.id,
          perPage: settings.commentsPerPage,
          commentCount: post.commentCount,
        };
        if (postedFromAnotherSite(request, deps.baseUrl)) {
          // Nothing is checked or spent: the person gets our own form back with their text, to send from here.
          request.log.info(
            { origin: request.headers.origin ?? null, fetchSite: request.headers['sec-fetch-site'] ?? null },
            'comment form posted from another site: refused',
          );
          return sendRejection(request, reply, { ...target, values, errors: { form: 'cross_site' }, status: 403 });
        }
        const actor = staffSender(request, body, deps.secret);
        // Staff write under their own name and their account's address; the form sends neither.
        const staff = actor && {
          personId: actor.personId,
          badge: (await post.isAuthor(actor.personId)) ? 'author' : 'staff',
          name: actor.name.slice(0, COMMENT_LIMITS.name),
          email: (await getAccount(db, actor.accountId)).email,
        };
        if (staff) Object.assign(values, { name: staff.name, email: staff.email });
        result = await submitComment(
          db,
          {
            secret: deps.secret,
            settings,
            site: {
              baseUrl: deps.baseUrl,
              title: settings.title,
              language: settings.language,
              timeZone: settings.timeZone,
              logo: siteLogo(settings, deps.baseUrl),
            },
            now: new Date(),
          },
          {
            id: post.id,
            blogId: blog.id,
            title: post.title,
            url: `${deps.baseUrl}${postUrl}`,
            commentsOpen: post.commentsOpen,
            publishedAt: post.publishedAt,
          },
          {
            name: values.name,
            email: values.email,
            body: values.body,
            parentId: values.parentId,
            notify: values.notify,
          },
          {
            ip: request.ip,
            questionToken: body.token,
            answer: body.answer,
            honeypot: body.website,
            staff: staff ? { personId: staff.personId, badge: staff.badge } : undefined,
            provenEmailHashes: readProvenAddresses(deps.secret, request.cookies[PROVEN_ADDRESS_COOKIE]),
          },
        );
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        // Nothing was stored: give the person their text back with a clear message, not an error page.
        request.log.warn({ err: error }, 'comment not stored: database unavailable');
        return sendUnavailable(request, reply, values, `/${request.params.blog}/${request.params.slug}`, body.token);
      }

      deps.onCommentResult?.(result);
      if (result.kind === 'refused') {
        return sendRejection(request, reply, {
          ...target,
          values,
          errors: result.problems,
          status: REFUSAL_STATUS[result.refusal],
          ...(result.questionStartedAt ? { questionStartedAt: result.questionStartedAt } : {}),
        });
      }

      if (result.mailQueued !== false) deps.onMailQueued?.();
      deps.onCommentStored?.();
      const secure = deps.baseUrl.startsWith('https:');
      if (result.kind === 'held') {
        const ownIds = [...readOwnComments(deps.secret, request.cookies[OWN_COMMENTS_COOKIE]), result.id];
        setSiteCookie(reply, OWN_COMMENTS_COOKIE, ownCommentsValue(deps.secret, ownIds), OWN_COMMENTS_MAX_AGE, secure);
      }
      // Every writer may edit or delete for a while, mail or not: the link reaches the post page in a
      // short-lived cookie, which keeps that page out of the cache (edit-link.ts).
      const editToken = editLinkToken(deps.secret, result.id);
      setSiteCookie(reply, EDIT_LINK_COOKIE, editToken, EDIT_LINK_COOKIE_MAX_AGE, secure);
      const postUrl = `/${target.blogSlug}/${target.slug}`;
      // With fewer comments than fit on a page, every comment is on the first: no need to count.
      const commentsPage =
        target.commentCount + 1 <= target.perPage
          ? 1
          : await pageOfComment(db, target.postId, result.rootId, target.perPage).catch(() => 1);
      const location = `${postUrl}${commentsPage > 1 ? `?comments-page=${commentsPage}` : ''}#comment-${result.id}`;
      if (wantsJson(request)) {
        return reply
          .code(201)
          .header('cache-control', 'no-store')
          .send({
            id: result.id,
            status: result.kind === 'held' ? result.status : 'approved',
            location,
            subscribed: Boolean(result.subscriptionToken),
            editUrl: `/comments/manage?token=${encodeURIComponent(editToken)}`,
          });
      }
      return reply.redirect(location, 303);
    },
  );

  async function sendUnavailable(
    request: FastifyRequest,
    reply: FastifyReply,
    values: CommentFormState['values'],
    postUrl: string,
    sentToken: string | undefined,
  ) {
    reply.header('retry-after', '5');
    if (wantsJson(request)) {
      const i18n = translator(DEFAULT_SETTINGS.language, DEFAULT_SETTINGS.timeZone);
      return reply
        .code(503)
        .header('cache-control', 'no-store')
        .send({ errors: { form: i18n.t('error.form.unavailable') } });
    }
    return sendPage(
      deps,
      request,
      reply,
      ({ i18n }) => (
        <MessagePage title={i18n.t('error.unavailable.title')}>
          <CommentForm
            action={`${postUrl}/comments`}
            postUrl={postUrl}
            state={{
              values,
              errors: { form: 'unavailable' },
              // The question needs no database: a fresh one, for the post the sent one was for, lets the
              // person send again as soon as it is back.
              question: makeQuestion(deps.secret, new Date(), { postId: postOfToken(deps.secret, sentToken) ?? '' }),
            }}
          />
        </MessagePage>
      ),
      503,
      { private: true, offline: true },
    );
  }

  async function sendRejection(
    request: FastifyRequest,
    reply: FastifyReply,
    rejection: {
      blogSlug: string;
      slug: string;
      postId: string;
      values: CommentFormState['values'];
      errors: CommentProblems;
      status: number;
      questionStartedAt?: Date;
    },
  ) {
    if (wantsJson(request)) {
      const settings = await getSiteSettings(db);
      const i18n = translator(settings.language, settings.timeZone);
      const messages: Partial<Record<CommentField, string>> = {};
      for (const field of Object.keys(rejection.errors) as CommentField[]) {
        const code = rejection.errors[field];
        if (code) messages[field] = i18n.t(commentProblemKey(field, code), { length: rejection.values.body.length });
      }
      return reply
        .code(rejection.status)
        .header('cache-control', 'no-store')
        .send({
          errors: messages,
          question: questionJson(i18n, { postId: rejection.postId, startedAt: rejection.questionStartedAt }),
        });
    }
    return sendPostPage(deps, request, reply, {
      blogSlug: rejection.blogSlug,
      slug: rejection.slug,
      commentsPage: Number.MAX_SAFE_INTEGER,
      form: {
        values: rejection.values,
        errors: rejection.errors,
        ...(rejection.questionStartedAt ? { questionStartedAt: rejection.questionStartedAt } : {}),
      },
      ...(rejection.values.parentId ? { replyToId: rejection.values.parentId } : {}),
      status: rejection.status,
    });
  }
};
