/** /admin: login, first-run setup, and the protected area where every route checks its capability. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { audit, endAllSessions, endSession, isSetupOpen, setUpSite, startSession } from '../accounts/account.service.js';
import { attemptLogin } from '../accounts/login.service.js';
import { glanceAtComments } from '../comments/moderation.service.js';
import { AppError } from '../errors.js';
import { checkCsrf, clearSessionCookie, setSessionCookie } from '../http/auth.js';
import { countPostsForDashboard } from '../posts/post-admin.service.js';
import { DashboardPage } from '../views/pages/admin/dashboard.page.js';
import { ForbiddenPage, LoginPage, SetupPage, type ForbiddenReason } from '../views/pages/admin/auth.page.js';
import { Form, Query, Text } from '../http/schemas.js';
import { SETUP_PROBLEMS } from '../accounts/account.js';
import { actorOf, type AdminDeps, clip, formErrors, sendAdminPage } from './admin-page.js';
import { adminCommentRoutes } from './comments/comments.routes.js';
import { adminExportRoutes } from './export/export.routes.js';
import { adminFollowerRoutes } from './followers/followers.routes.js';
import { adminPeopleRoutes } from './people/people.routes.js';
import { adminMediaRoutes } from './media/media.routes.js';
import { adminPostRoutes } from './posts/posts.routes.js';
import { adminReviewRoutes } from './posts/review.routes.js';
import { adminSettingsRoutes } from './settings/settings.routes.js';
import { adminStatusRoutes } from './status/status.routes.js';

const PUBLIC_PATHS = ['/admin/login', '/admin/setup', '/admin/reset', '/admin/invite'];

/** Only a path inside the admin may be a post-login destination: no open redirect. */
export function safeNext(next: string): string {
  return /^\/admin(?:[/?][A-Za-z0-9/_?=&.%-]*)?$/.test(next) && !next.includes('..') ? next : '/admin';
}

/** Why a request was refused, so the page names the real problem instead of blaming the role. */
function forbiddenReason(field: string | undefined): ForbiddenReason {
  return field === 'crossSite' || field === 'csrf' || field === 'login' ? field : 'role';
}

const LoginForm = Form({ email: Text, password: Text, next: Text });
const SetupForm = Form({ name: Text, email: Text, password: Text });

export const adminRoutes: FastifyPluginAsyncTypebox<AdminDeps> = async (app, deps) => {
  const { db, secret } = deps;
  const secure = deps.baseUrl.startsWith('https:');

  // Before the routes' schemas: a request from elsewhere or without a session learns nothing of a form's shape.
  app.addHook('preValidation', checkCsrf(secret, deps.baseUrl));
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0]!;
    if (PUBLIC_PATHS.some((p) => path === p || path.startsWith(`${p}/`))) return;
    if (request.actor) return;
    if (request.method === 'GET' || request.method === 'HEAD') {
      return reply.redirect(`/admin/login?next=${encodeURIComponent(request.url)}`, 303);
    }
    throw new AppError('forbidden', 'Log in first', { field: 'login' });
  });

  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof AppError && error.code === 'forbidden') {
      const reason = forbiddenReason(error.details.field);
      return sendAdminPage(deps, request, reply, undefined, (_c, chrome) => <ForbiddenPage chrome={chrome} reason={reason} />, 403);
    }
    throw error;
  });

  app.get('/admin/login', { schema: { querystring: Query({ next: Text }) } }, async (request, reply) => {
    if (request.actor) return reply.redirect('/admin', 303);
    if (await isSetupOpen(db)) return reply.redirect('/admin/setup', 303);
    const next = request.query.next !== undefined ? safeNext(request.query.next) : undefined;
    return sendAdminPage(deps, request, reply, undefined, () => <LoginPage {...(next ? { next } : {})} />);
  });

  app.post('/admin/login', { schema: { body: LoginForm } }, async (request, reply) => {
    const email = clip(request.body.email, 200).trim();
    const password = clip(request.body.password, 1000);
    const next = safeNext(clip(request.body.next, 500));
    const result = await attemptLogin(db, secret, email, password, request.ip);
    if (!result.ok) {
      return sendAdminPage(
        deps,
        request,
        reply,
        undefined,
        () => <LoginPage email={email} error={result.reason} next={next} />,
        result.reason === 'slowed' ? 429 : 401,
      );
    }
    // A fresh session id at every login: a session id planted before login is worth nothing after it.
    if (request.sessionId) await endSession(db, request.sessionId);
    const sessionId = await startSession(db, result.account.id);
    await audit(
      db,
      { accountId: result.account.id, personId: result.account.personId, name: email, role: result.account.role, blogScope: null },
      'login',
      { type: 'account', id: result.account.id },
    );
    return setSessionCookie(reply, sessionId, secure).redirect(next, 303);
  });

  app.post('/admin/logout', { schema: { body: Form({ everywhere: Text }) } }, async (request, reply) => {
    const actor = actorOf(request);
    if (request.body.everywhere === '1') await endAllSessions(db, actor.accountId);
    else if (request.sessionId) await endSession(db, request.sessionId);
    return clearSessionCookie(reply, secure).redirect('/admin/login', 303);
  });

  app.get('/admin/setup', async (request, reply) => {
    if (!(await isSetupOpen(db))) throw new AppError('not_found', 'Setup is done');
    return sendAdminPage(deps, request, reply, undefined, () => <SetupPage values={{ name: '', email: '' }} errors={{}} />);
  });

  app.post('/admin/setup', { schema: { body: SetupForm } }, async (request, reply) => {
    if (!(await isSetupOpen(db))) throw new AppError('not_found', 'Setup is done');
    const values = { name: clip(request.body.name, 120).trim(), email: clip(request.body.email, 200).trim() };
    const password = clip(request.body.password, 1000);
    try {
      const account = await setUpSite(db, { name: values.name, email: values.email, password });
      const sessionId = await startSession(db, account.id);
      await audit(db, { accountId: account.id, personId: account.personId, name: values.name, role: 'admin', blogScope: null }, 'setup', {
        type: 'account',
        id: account.id,
      });
      return setSessionCookie(reply, sessionId, secure).redirect('/admin', 303);
    } catch (error) {
      const errors = formErrors(error, SETUP_PROBLEMS);
      if (!errors) throw error;
      return sendAdminPage(deps, request, reply, undefined, () => <SetupPage values={values} errors={errors} />, 422);
    }
  });

  app.get('/admin', async (request, reply) => {
    const actor = actorOf(request);
    const [counts, { waiting, newest }] = await Promise.all([countPostsForDashboard(db, actor), glanceAtComments(db, actor)]);
    return sendAdminPage(deps, request, reply, 'dashboard', (_c, chrome) => (
      <DashboardPage chrome={chrome} counts={counts} waiting={waiting} newest={newest} />
    ));
  });

  await app.register(adminPostRoutes, deps);
  await app.register(adminReviewRoutes, deps);
  await app.register(adminMediaRoutes, deps);
  await app.register(adminCommentRoutes, deps);
  await app.register(adminPeopleRoutes, deps);
  await app.register(adminSettingsRoutes, deps);
  await app.register(adminExportRoutes, deps);
  await app.register(adminFollowerRoutes, deps);
  await app.register(adminStatusRoutes, deps);
};
