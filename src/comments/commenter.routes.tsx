/** Commenters' private links: reply-mail confirmation and unsubscribe, managing a comment, and their data (GDPR). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ViewContext } from '../views/context.js';
import { isPlainAddress } from '../notifications/mail.js';
import { mailBrandOf, withMailLayout } from '../notifications/mail-layout.js';
import { queueMail } from '../notifications/mail.service.js';
import { pageQuery } from '../http/page-cache.js';
import { sendPage } from '../http/page-context.js';
import { clip, Form, FormOrNone, Query, Text } from '../http/schemas.js';
import { translator } from '../i18n/i18n.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { ManageCommentPage } from '../views/pages/comments/manage.page.js';
import { PrivacyCommentsPage, PrivacyRequestPage } from '../views/pages/comments/privacy.page.js';
import { CrossSiteNotice } from '../views/partials/cross-site-notice.js';
import { MessagePage } from '../views/pages/site/message.page.js';
import type { CommentRouteDeps } from './comment.routes.js';
import { hasFollowerData } from '../followers/follower.service.js';
import { emailHashOf, ipHashOf } from './comment.service.js';
import {
  canConfirm,
  canUnsubscribe,
  confirmSubscription,
  deleteOwnComment,
  editOwnComment,
  eraseOwnComments,
  getManagedComment,
  hasComments,
  isExpiredEditLink,
  listOwnComments,
  privacyToken,
  unsubscribe,
} from './commenter.service.js';
import { postedFromAnotherSite } from '../http/form-origin.js';
import { setSiteCookie } from '../http/cookies.js';
import { PROVEN_ADDRESS_COOKIE, PROVEN_ADDRESS_MAX_AGE, provenAddressValue, readProvenAddresses } from './proven-address-cookie.js';
import { hitRateLimit } from './spam/spam.repository.js';
import { EDIT_LINK_MINUTES } from './edit-link.js';
import { savedEditOf, savedEditQuery } from './saved-edit.js';
import { siteLogo } from '../settings/identity.js';

// Mailed links carry their token in the address; mail clients and scanners may add parameters of their own.
const TokenQuery = { querystring: Query({ token: Text }) };
const TokenForm = { body: Form({ token: Text }) };

const tokenOf = (value: string | undefined) => (value !== undefined && value.length < 400 ? value : '');

export const commenterRoutes: FastifyPluginAsyncTypebox<CommentRouteDeps> = async (app, deps) => {
  const { db, secret } = deps;

  // RFC 8058 one-click unsubscribe arrives as multipart/form-data; the token is in the URL and
  // the body says only "List-Unsubscribe=One-Click", so it is read and dropped.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 8 * 1024 }, (_request, _body, done) => done(null, {}));
  /** A page that says one thing and leads home; it is about one reader's link, so no cache keeps it. */
  const messagePage = (
    request: Parameters<typeof sendPage>[1],
    reply: Parameters<typeof sendPage>[2],
    status: number,
    say: (i18n: ViewContext['i18n']) => { title: string; text: string },
  ) =>
    sendPage(
      deps,
      request,
      reply,
      ({ i18n }) => {
        const { title, text } = say(i18n);
        return (
          <MessagePage title={title}>
            <p>{text}</p>
            <p>
              <a href="/">{i18n.t('error.backHome')}</a>
            </p>
          </MessagePage>
        );
      },
      status,
      { private: true },
    );
  const invalidLink = (request: Parameters<typeof sendPage>[1], reply: Parameters<typeof sendPage>[2], token = '') =>
    isExpiredEditLink(secret, token)
      ? messagePage(request, reply, 410, (i18n) => ({
          title: i18n.t('manage.expired.title'),
          text: i18n.t('manage.expired.text', { minutes: EDIT_LINK_MINUTES }),
        }))
      : messagePage(request, reply, 404, (i18n) => ({ title: i18n.t('sub.invalid.title'), text: i18n.t('sub.invalid.text') }));

  // These forms change what is stored or mail an address; another site must not post them in a
  // reader's name. The RFC 8058 one-click unsubscribe is the exception: mail providers send it
  // without Origin or cookies, and the token is all it needs.
  const isForeign = (request: Parameters<typeof sendPage>[1], form: string) => {
    if (!postedFromAnotherSite(request, deps.baseUrl)) return false;
    request.log.info(
      { form, origin: request.headers.origin ?? null, fetchSite: request.headers['sec-fetch-site'] ?? null },
      'form posted from another site: refused',
    );
    return true;
  };

  // Whoever presses a button on a page linked from a mail to an address reads that address's mail:
  // the browser earns trust for it. Not on the GET: a mail scanner fetching the link proves nothing.
  const proveAddress = (request: Parameters<typeof sendPage>[1], reply: Parameters<typeof sendPage>[2], emailHash: string) => {
    const value = provenAddressValue(secret, request.cookies[PROVEN_ADDRESS_COOKIE], emailHash);
    setSiteCookie(reply, PROVEN_ADDRESS_COOKIE, value, PROVEN_ADDRESS_MAX_AGE, deps.baseUrl.startsWith('https:'));
  };

  // Mail scanners fetch every link in a mail, so a GET of the confirmation link only shows a
  // button: otherwise a scanner would opt the address in to mails it never asked for.
  app.get('/comments/subscriptions/confirm', { schema: TokenQuery }, async (request, reply) => {
    const token = tokenOf(request.query.token);
    if (!(await canConfirm(db, secret, token))) return invalidLink(request, reply);
    return confirmPage(request, reply, token, false);
  });
  const confirmPage = (request: Parameters<typeof sendPage>[1], reply: Parameters<typeof sendPage>[2], token: string, refused: boolean) =>
    sendPage(
      deps,
      request,
      reply,
      ({ i18n }) => (
        <MessagePage title={i18n.t('sub.confirm.title')}>
          {refused && <CrossSiteNotice />}
          <p>{i18n.t('sub.confirm.text')}</p>
          <form method="post" action="/comments/subscriptions/confirm">
            <input type="hidden" name="token" value={token} />
            <p>
              <button type="submit">{i18n.t('sub.confirm.button')}</button>
            </p>
          </form>
        </MessagePage>
      ),
      refused ? 403 : 200,
      { private: true },
    );
  app.post('/comments/subscriptions/confirm', { schema: TokenForm }, async (request, reply) => {
    const token = tokenOf(request.body.token);
    if (isForeign(request, 'confirm')) {
      if (!(await canConfirm(db, secret, token))) return invalidLink(request, reply);
      return confirmPage(request, reply, token, true);
    }
    const result = await confirmSubscription(db, secret, token);
    if (!result) return invalidLink(request, reply);
    proveAddress(request, reply, result.provenEmailHash);
    return sendPage(
      deps,
      request,
      reply,
      ({ i18n }) => (
        <MessagePage title={i18n.t('sub.confirmed.title')}>
          <p>{i18n.t('sub.confirmed.text')}</p>
          <p>
            <a href={result.postUrl}>{i18n.t('sub.backToPost')}</a> ·{' '}
            <a href={`/comments/manage?token=${encodeURIComponent(token)}`}>{i18n.t('manage.title')}</a>
          </p>
        </MessagePage>
      ),
      200,
      { private: true },
    );
  });

  // Mail programs, virus scanners and link previews fetch links in mails on their own, so a GET
  // only shows a button. The POST is both that button and RFC 8058's one-click request, which a
  // mail provider sends without cookies or Origin: the token in it is the only credential needed.
  app.get('/comments/subscriptions/unsubscribe', { schema: TokenQuery }, async (request, reply) => {
    const token = tokenOf(request.query.token);
    if (!(await canUnsubscribe(db, secret, token))) return invalidLink(request, reply);
    return sendPage(
      deps,
      request,
      reply,
      ({ i18n }) => (
        <MessagePage title={i18n.t('sub.unsubscribe.title')}>
          <p>{i18n.t('sub.unsubscribe.text')}</p>
          <form method="post" action="/comments/subscriptions/unsubscribe">
            <input type="hidden" name="token" value={token} />
            <p>
              <button type="submit">{i18n.t('sub.unsubscribe.button')}</button>
            </p>
          </form>
        </MessagePage>
      ),
      200,
      { private: true },
    );
  });
  app.post(
    '/comments/subscriptions/unsubscribe',
    { schema: { ...TokenQuery, body: FormOrNone({ token: Text }) } },
    async (request, reply) => {
      if (!(await unsubscribe(db, secret, tokenOf(request.body?.token ?? request.query.token)))) return invalidLink(request, reply);
      return messagePage(request, reply, 200, (i18n) => ({
        title: i18n.t('sub.unsubscribed.title'),
        text: i18n.t('sub.unsubscribed.text'),
      }));
    },
  );

  // `saved` and `held`: where a saved edit sends its writer (savedEditQuery), so a reload or Back
  // shows the page again rather than sending the form twice.
  app.get('/comments/manage', { schema: { querystring: Query({ token: Text, saved: Text, held: Text }) } }, async (request, reply) => {
    const token = tokenOf(request.query.token);
    const settings = await getSiteSettings(db);
    const comment = await getManagedComment(db, secret, token, settings.editWindowMinutes);
    if (!comment) return invalidLink(request, reply, token);
    const saved = savedEditOf(request.query.saved, request.query.held);
    return sendPage(
      deps,
      request,
      reply,
      () => (
        <ManageCommentPage
          comment={comment}
          token={token}
          editWindowMinutes={settings.editWindowMinutes}
          {...(saved ? { notice: saved.notice, heldFor: saved.heldFor } : {})}
        />
      ),
      200,
      { private: true },
    );
  });

  // Where a deletion through the link ends; it names no comment, so anyone may open it.
  app.get('/comments/manage/deleted', async (request, reply) =>
    messagePage(request, reply, 200, (i18n) => ({ title: i18n.t('manage.deleted'), text: i18n.t('manage.deleteHint') })),
  );

  // `version`: what the page showed when the writer began (commentTextVersion).
  const manageForm = Form({ token: Text, action: Text, body: Text, version: Text });
  app.post('/comments/manage', { schema: { body: manageForm } }, async (request, reply) => {
    const token = tokenOf(request.body.token);
    const settings = await getSiteSettings(db);
    const draft = clip(request.body.body, 20_000);
    let error: string | undefined;
    let refused = false;
    if (isForeign(request, 'manage')) {
      // Nothing is changed: the person gets the page back with their text, to send from here.
      refused = true;
      if (request.body.action !== 'delete') error = 'cross_site';
    } else if (request.body.action === 'confirm-delete') {
      // A deletion cannot be undone: asked once more, on a page of its own (the script asks in place).
      if (!(await getManagedComment(db, secret, token, settings.editWindowMinutes))) return invalidLink(request, reply, token);
      return sendPage(
        deps,
        request,
        reply,
        ({ i18n }) => (
          <MessagePage title={i18n.t('manage.confirmDelete.title')}>
            <p>{i18n.t('manage.confirmDelete.text')}</p>
            <p class="hint">{i18n.t('manage.deleteHint')}</p>
            <form method="post" action="/comments/manage">
              <input type="hidden" name="token" value={token} />
              <input type="hidden" name="action" value="delete" />
              <p>
                <button type="submit" class="button--danger">
                  {i18n.t('manage.confirmDelete.yes')}
                </button>{' '}
                <a href={`/comments/manage?token=${encodeURIComponent(token)}`}>{i18n.t('manage.confirmDelete.no')}</a>
              </p>
            </form>
          </MessagePage>
        ),
        200,
        { private: true },
      );
    } else if (request.body.action === 'delete') {
      if (!(await deleteOwnComment(db, secret, token))) return invalidLink(request, reply, token);
      // Post/Redirect/Get, as a saved edit: a reload of what follows sends no deletion again.
      return reply.redirect('/comments/manage/deleted', 303);
    } else {
      const result = await editOwnComment(
        db,
        {
          secret,
          settings,
          now: new Date(),
          site: {
            baseUrl: deps.baseUrl,
            title: settings.title,
            language: settings.language,
            timeZone: settings.timeZone,
            logo: siteLogo(settings, deps.baseUrl),
          },
        },
        token,
        draft,
        request.ip,
        readProvenAddresses(secret, request.cookies[PROVEN_ADDRESS_COOKIE]),
        clip(request.body.version, 64) || undefined,
      );
      if (!result.ok && result.error === 'not_found') return invalidLink(request, reply, token);
      if (result.ok) {
        deps.onMailQueued?.();
        const saved = await getManagedComment(db, secret, token, settings.editWindowMinutes);
        if (saved?.provenEmailHash) proveAddress(request, reply, saved.provenEmailHash);
        return reply.redirect(`/comments/manage?${savedEditQuery(token, result.status === 'approved', result.heldFor)}`, 303);
      }
      error = result.error;
    }
    const comment = await getManagedComment(db, secret, token, settings.editWindowMinutes);
    if (!comment) return invalidLink(request, reply, token);
    if (refused) {
      return sendPage(
        deps,
        request,
        reply,
        () => (
          <ManageCommentPage
            comment={comment}
            token={token}
            editWindowMinutes={settings.editWindowMinutes}
            refused
            {...(error ? { error, draft } : {})}
            {...(request.body.version ? { version: clip(request.body.version, 64) } : {})}
          />
        ),
        403,
        { private: true },
      );
    }
    if (comment.provenEmailHash) proveAddress(request, reply, comment.provenEmailHash);
    return sendPage(
      deps,
      request,
      reply,
      () => (
        <ManageCommentPage
          comment={comment}
          token={token}
          editWindowMinutes={settings.editWindowMinutes}
          {...(error ? { error, draft } : {})}
          {...(error && error !== 'changed' && request.body.version ? { version: clip(request.body.version, 64) } : {})}
        />
      ),
      error === 'changed' ? 409 : error ? 422 : 200,
      { private: true },
    );
  });

  app.get('/privacy', pageQuery(), async (request, reply) => sendPage(deps, request, reply, () => <PrivacyRequestPage />));

  app.post('/privacy', { schema: { body: Form({ email: Text }) } }, async (request, reply) => {
    const email = clip(request.body.email).trim().slice(0, 200);
    if (isForeign(request, 'privacy')) {
      return sendPage(deps, request, reply, () => <PrivacyRequestPage refused email={email} />, 403, { private: true });
    }
    if (!isPlainAddress(email)) {
      return sendPage(deps, request, reply, () => <PrivacyRequestPage error email={email} />, 422, { private: true });
    }
    const now = new Date();
    const ipHash = ipHashOf(secret, request.ip);
    const allowed = !ipHash || (await hitRateLimit(db, `privacy:ip:${ipHash}`, now, 3600_000)) <= 10;
    // The answer is the same whether or not the address has comments, so it reveals nothing.
    if (allowed && ((await hasComments(db, secret, email)) || (await hasFollowerData(db, emailHashOf(secret, email))))) {
      const settings = await getSiteSettings(db);
      const i18n = translator(settings.language, settings.timeZone);
      const link = `${deps.baseUrl}/privacy/comments?token=${encodeURIComponent(privacyToken(secret, email, now))}`;
      await queueMail(
        db,
        withMailLayout(
          {
            to: email,
            subject: i18n.t('privacy.mailSubject'),
            text: `${i18n.t('privacy.mailText', { site: settings.title })}\n\n${link}\n\n${i18n.t('privacy.mailIgnore')}`,
          },
          mailBrandOf(settings, deps.baseUrl),
        ),
        now,
      );
      deps.onMailQueued?.();
    }
    return sendPage(deps, request, reply, () => <PrivacyRequestPage sent />, 200, { private: true });
  });

  app.get('/privacy/comments', { schema: TokenQuery }, async (request, reply) => {
    const token = tokenOf(request.query.token);
    const comments = await listOwnComments(db, secret, token, deps.baseUrl);
    if (!comments) return invalidLink(request, reply);
    return sendPage(deps, request, reply, () => <PrivacyCommentsPage comments={comments} token={token} />, 200, { private: true });
  });

  app.get('/privacy/comments.json', { schema: TokenQuery }, async (request, reply) => {
    const comments = await listOwnComments(db, secret, tokenOf(request.query.token), deps.baseUrl);
    if (!comments) return invalidLink(request, reply);
    return reply
      .header('cache-control', 'private, no-store')
      .header('content-disposition', 'attachment; filename="comments.json"')
      .send({ format: 'ytring-comments', version: 1, exportedAt: new Date().toISOString(), comments });
  });

  app.post('/privacy/erase', { schema: TokenForm }, async (request, reply) => {
    const token = tokenOf(request.body.token);
    if (isForeign(request, 'erase')) {
      const comments = await listOwnComments(db, secret, token, deps.baseUrl);
      if (!comments) return invalidLink(request, reply);
      return sendPage(deps, request, reply, () => <PrivacyCommentsPage comments={comments} token={token} refused />, 403, {
        private: true,
      });
    }
    const erased = await eraseOwnComments(db, secret, token);
    if (erased === undefined) return invalidLink(request, reply);
    return sendPage(deps, request, reply, () => <PrivacyCommentsPage comments={[]} token={token} erased={erased} />, 200, {
      private: true,
    });
  });
};
