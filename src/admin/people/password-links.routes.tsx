/**
 * /admin/reset and /admin/invite: public pages (the admin's login check lets them through) where a
 * single-use, expiring link from an e-mail sets a password.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { acceptInvitation, requestPasswordReset, resetPassword } from '../../accounts/account-admin.service.js';
import { endSession, isAccountTokenLive, startSession } from '../../accounts/account.service.js';
import { csrfFor, setSessionCookie } from '../../http/auth.js';
import { DeadLinkPage, NewPasswordPage, ResetRequestPage } from '../../views/pages/admin/people/password-link.page.js';
import { field, sendAdminPage, type AdminDeps } from '../admin-page.js';
import { formErrors } from './form-input.js';

type TokenParams = { Params: { token: string } };

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export const passwordLinkRoutes: FastifyPluginAsync<AdminDeps> = async (app, deps) => {
  const { db, secret } = deps;
  const secure = deps.baseUrl.startsWith('https:');

  app.get('/admin/reset', async (request, reply) => {
    return sendAdminPage(deps, request, reply, undefined, () => <ResetRequestPage csrf={csrfFor(secret, request)} email="" sent={false} />);
  });

  // The same answer whether or not an account has the address, so the form tells nobody who has one.
  app.post('/admin/reset', async (request, reply) => {
    const email = field(request.body, 'email', 300).trim();
    if (await requestPasswordReset(db, { email, ip: request.ip, secret }, { baseUrl: deps.baseUrl })) deps.onMailQueued?.();
    return sendAdminPage(deps, request, reply, undefined, () => <ResetRequestPage csrf={csrfFor(secret, request)} email={email} sent />);
  });

  for (const kind of ['reset', 'invite'] as const) {
    const spend = kind === 'reset' ? resetPassword : acceptInvitation;
    const dead = (request: FastifyRequest, reply: FastifyReply) =>
      sendAdminPage(deps, request, reply, undefined, () => <DeadLinkPage csrf={csrfFor(secret, request)} />, 410);
    const form = (request: FastifyRequest<TokenParams>, reply: FastifyReply, errors: Record<string, string>, status: number) =>
      sendAdminPage(
        deps,
        request,
        reply,
        undefined,
        ({ site }) => (
          <NewPasswordPage
            csrf={csrfFor(secret, request)}
            kind={kind}
            action={`/admin/${kind}/${request.params.token}`}
            siteTitle={site.title}
            errors={errors}
          />
        ),
        status,
      );

    app.get<TokenParams>(`/admin/${kind}/:token`, async (request, reply) => {
      // The address holds the token: send it to no other site, not even as a referrer. Not
      // no-referrer: that makes browsers post the form with "Origin: null", which looks foreign.
      reply.header('referrer-policy', 'same-origin');
      const { token } = request.params;
      if (!TOKEN.test(token) || !(await isAccountTokenLive(db, token, kind))) return dead(request, reply);
      return form(request, reply, {}, 200);
    });

    app.post<TokenParams>(`/admin/${kind}/:token`, async (request, reply) => {
      reply.header('referrer-policy', 'same-origin');
      const { token } = request.params;
      if (!TOKEN.test(token) || !(await isAccountTokenLive(db, token, kind))) return dead(request, reply);
      const password = field(request.body, 'password', 2000);
      if (password !== field(request.body, 'confirm', 2000)) return form(request, reply, { confirm: 'mismatch' }, 422);
      try {
        const account = await spend(db, token, password);
        if (!account) return dead(request, reply);
        // Every other session ended with the new password; this browser gets a fresh one.
        if (request.sessionId) await endSession(db, request.sessionId);
        const sessionId = await startSession(db, account.id);
        return setSessionCookie(reply, sessionId, secure).redirect('/admin', 303);
      } catch (error) {
        const errors = formErrors(error);
        if (!errors) throw error;
        return form(request, reply, errors, 422);
      }
    });
  }
};
