/**
 * /admin/reset and /admin/invite: public pages (the admin's login check lets them through) where a
 * single-use, expiring link from an e-mail sets a password.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { acceptInvitation, requestPasswordReset, resetPassword } from '../../accounts/account-admin.service.js';
import { endSession, isAccountTokenLive, startSession } from '../../accounts/account.service.js';
import { csrfFor, setSessionCookie } from '../../http/auth.js';
import { DeadLinkPage, NewPasswordPage, ResetRequestPage } from '../../views/pages/admin/people/password-link.page.js';
import { Form, Text } from '../../http/schemas.js';
import { type AdminDeps, clip, formErrors, sendAdminPage } from '../admin-page.js';
import { PEOPLE_PROBLEMS, type PeopleProblems } from './form-input.js';

// The token by shape only: a malformed one gets the same dead-link page as a spent one.
const TokenParams = Type.Object({ token: Type.String() });
const PasswordForm = Form({ password: Text, confirm: Text });

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export const passwordLinkRoutes: FastifyPluginAsyncTypebox<AdminDeps> = async (app, deps) => {
  const { db, secret } = deps;
  const secure = deps.baseUrl.startsWith('https:');

  app.get('/admin/reset', async (request, reply) => {
    return sendAdminPage(deps, request, reply, undefined, () => <ResetRequestPage csrf={csrfFor(secret, request)} email="" sent={false} />);
  });

  // The same answer whether or not an account has the address, so the form tells nobody who has one.
  app.post('/admin/reset', { schema: { body: Form({ email: Text }) } }, async (request, reply) => {
    const email = clip(request.body.email, 300).trim();
    if (await requestPasswordReset(db, { email, ip: request.ip, secret }, { baseUrl: deps.baseUrl })) deps.onMailQueued?.();
    return sendAdminPage(deps, request, reply, undefined, () => <ResetRequestPage csrf={csrfFor(secret, request)} email={email} sent />);
  });

  for (const kind of ['reset', 'invite'] as const) {
    const spend = kind === 'reset' ? resetPassword : acceptInvitation;
    const dead = (request: FastifyRequest, reply: FastifyReply) =>
      sendAdminPage(deps, request, reply, undefined, () => <DeadLinkPage csrf={csrfFor(secret, request)} />, 410);
    const form = (request: FastifyRequest, reply: FastifyReply, token: string, errors: PeopleProblems, status: number) =>
      sendAdminPage(
        deps,
        request,
        reply,
        undefined,
        ({ site }) => (
          <NewPasswordPage
            csrf={csrfFor(secret, request)}
            kind={kind}
            action={`/admin/${kind}/${token}`}
            siteTitle={site.title}
            errors={errors}
          />
        ),
        status,
      );

    app.get(`/admin/${kind}/:token`, { schema: { params: TokenParams } }, async (request, reply) => {
      // The address holds the token: send it to no other site, not even as a referrer. Not
      // no-referrer: that makes browsers post the form with "Origin: null", which looks foreign.
      reply.header('referrer-policy', 'same-origin');
      const { token } = request.params;
      if (!TOKEN.test(token) || !(await isAccountTokenLive(db, token, kind))) return dead(request, reply);
      return form(request, reply, token, {}, 200);
    });

    app.post(`/admin/${kind}/:token`, { schema: { params: TokenParams, body: PasswordForm } }, async (request, reply) => {
      reply.header('referrer-policy', 'same-origin');
      const { token } = request.params;
      if (!TOKEN.test(token) || !(await isAccountTokenLive(db, token, kind))) return dead(request, reply);
      const password = clip(request.body.password, 2000);
      if (password !== clip(request.body.confirm, 2000)) return form(request, reply, token, { confirm: 'mismatch' }, 422);
      try {
        const account = await spend(db, token, password);
        if (!account) return dead(request, reply);
        // Every other session ended with the new password; this browser gets a fresh one.
        if (request.sessionId) await endSession(db, request.sessionId);
        const sessionId = await startSession(db, account.id);
        return setSessionCookie(reply, sessionId, secure).redirect('/admin', 303);
      } catch (error) {
        const errors = formErrors(error, PEOPLE_PROBLEMS);
        if (!errors) throw error;
        return form(request, reply, token, errors, 422);
      }
    });
  }
};
