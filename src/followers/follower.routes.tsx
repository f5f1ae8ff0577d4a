/** Following by e-mail: the public form, the mailed links (confirm, manage, one-click unsubscribe) and the /privacy part. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { emailHashFromPrivacyToken } from '../comments/commenter.service.js';
import { ipHashOf } from '../comments/comment.service.js';
import { postedFromAnotherSite } from '../http/form-origin.js';
import { sendPage, type PageDeps } from '../http/page-context.js';
import { clip, Form, FormOrNone, Query, Text, TextList } from '../http/schemas.js';
import { mailBrandOf } from '../notifications/mail-layout.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { FollowAnswerPage, ManageFollowingPage, PrivacyFollowerPage, TokenButtonPage } from '../views/pages/followers/follower.pages.js';
import { MessagePage } from '../views/pages/site/message.page.js';
import { followerText } from './follower.messages.js';
import {
  canConfirmFollow,
  canStopFollowing,
  confirmFollow,
  eraseFollowerData,
  exportFollowerData,
  getFollowing,
  isTopicKind,
  requestFollow,
  stopFollowing,
  updateFollowing,
  type TopicRequest,
} from './follower.service.js';

export interface FollowerRouteDeps extends PageDeps {
  onMailQueued?: () => void;
}

// Mailed links carry their token in the address; mail clients and scanners may add parameters of their own.
const TokenQuery = Query({ token: Text });
const FollowForm = Form({ email: Text, topic: TextList, website: Text, from: Text });
const TokenForm = Form({ token: Text });
const ManageForm = Form({ token: Text, action: Text, keep: TextList, frequency: Text });

const tokenOf = (value: string | undefined) => (value !== undefined && value.length < 400 ? value : '');

function topicsOf(values: readonly string[] | undefined): TopicRequest[] {
  return (values ?? []).slice(0, 200).flatMap((item): TopicRequest[] => {
    if (item === 'site') return [{ kind: 'site' as const, slug: '' }];
    const [kind, slug] = item.split(':', 2);
    return isTopicKind(kind) && kind !== 'site' && slug && slug.length <= 200 ? [{ kind, slug }] : [];
  });
}

export const followerRoutes: FastifyPluginAsyncTypebox<FollowerRouteDeps> = async (app, deps) => {
  const { db, secret } = deps;
  // RFC 8058 one-click unsubscribe arrives as multipart/form-data saying only "List-Unsubscribe=One-Click": read and dropped.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 8 * 1024 }, (_request, _body, done) => done(null, {}));
  const text = async (_request: FastifyRequest) => followerText((await getSiteSettings(db)).language);

  const isForeign = (request: FastifyRequest, form: string) => {
    if (!postedFromAnotherSite(request, deps.baseUrl)) return false;
    request.log.info({ form, origin: request.headers.origin ?? null }, 'form posted from another site: refused');
    return true;
  };

  const invalidLink = async (request: FastifyRequest, reply: FastifyReply) => {
    const t = await text(request);
    return sendPage(
      deps,
      request,
      reply,
      ({ i18n }) => (
        <MessagePage title={t('invalid.title')}>
          <p>{t('invalid.text')}</p>
          <p>
            <a href="/">{i18n.t('error.backHome')}</a>
          </p>
        </MessagePage>
      ),
      404,
      { private: true },
    );
  };

  // The public form. Its answer is the same for a new address, one that follows already and one
  // refused quietly, so no one learns from it who follows.
  app.post('/follow', { schema: { body: FollowForm } }, async (request, reply) => {
    const { body } = request;
    const email = clip(body.email, 200).trim();
    const from = clip(body.from, 300);
    if (isForeign(request, 'follow')) {
      return sendPage(deps, request, reply, () => <FollowAnswerPage refused email={email} from={from} />, 403, { private: true });
    }
    const settings = await getSiteSettings(db);
    const outcome = await requestFollow(
      db,
      { secret, now: new Date(), site: mailBrandOf(settings, deps.baseUrl) },
      {
        email,
        topics: topicsOf(body.topic),
        honeypot: clip(body.website, 200),
        ipHash: ipHashOf(secret, request.ip) ?? undefined,
        // The comment form's limit per network, so one setting governs both public forms.
        perHourPerIp: settings.commentsPerHourPerIp,
      },
    );
    if (outcome.kind === 'accepted') {
      deps.onMailQueued?.();
      return sendPage(deps, request, reply, () => <FollowAnswerPage from={from} />, 200, { private: true });
    }
    const error = outcome.kind === 'invalid' ? outcome.field : 'rate-limited';
    return sendPage(
      deps,
      request,
      reply,
      () => <FollowAnswerPage error={error} email={email} from={from} />,
      outcome.kind === 'invalid' ? 422 : 429,
      {
        private: true,
      },
    );
  });

  // Mail scanners fetch every link in a mail: a GET only shows the button that confirms.
  const confirmPage = async (request: FastifyRequest, reply: FastifyReply, token: string, refused: boolean) => {
    const t = await text(request);
    return sendPage(
      deps,
      request,
      reply,
      () => (
        <TokenButtonPage
          title={t('confirm.title')}
          text={t('confirm.text')}
          action="/follow/confirm"
          token={token}
          button={t('confirm.button')}
          refused={refused}
        />
      ),
      refused ? 403 : 200,
      { private: true },
    );
  };
  app.get('/follow/confirm', { schema: { querystring: TokenQuery } }, async (request, reply) => {
    const token = tokenOf(request.query.token);
    if (!(await canConfirmFollow(db, secret, token))) return invalidLink(request, reply);
    return confirmPage(request, reply, token, false);
  });
  app.post('/follow/confirm', { schema: { body: TokenForm } }, async (request, reply) => {
    const token = tokenOf(request.body.token);
    if (isForeign(request, 'follow-confirm')) {
      if (!(await canConfirmFollow(db, secret, token))) return invalidLink(request, reply);
      return confirmPage(request, reply, token, true);
    }
    if (!(await confirmFollow(db, secret, token))) return invalidLink(request, reply);
    const t = await text(request);
    return sendPage(
      deps,
      request,
      reply,
      () => (
        <MessagePage title={t('confirmed.title')}>
          <p>{t('confirmed.text')}</p>
          <p>
            <a href={`/follow/manage?token=${encodeURIComponent(token)}`}>{t('mail.manage')}</a>
          </p>
        </MessagePage>
      ),
      200,
      { private: true },
    );
  });

  app.get('/follow/manage', { schema: { querystring: TokenQuery } }, async (request, reply) => {
    const token = tokenOf(request.query.token);
    const following = await getFollowing(db, secret, token);
    if (!following) return invalidLink(request, reply);
    return sendPage(deps, request, reply, () => <ManageFollowingPage following={following} token={token} />, 200, { private: true });
  });
  app.post('/follow/manage', { schema: { body: ManageForm } }, async (request, reply) => {
    const { body } = request;
    const token = tokenOf(body.token);
    let notice: 'saved' | 'stopped' | undefined;
    const refused = isForeign(request, 'follow-manage');
    if (!refused) {
      const ok =
        body.action === 'stop'
          ? await stopFollowing(db, secret, token)
          : await updateFollowing(db, secret, token, {
              keep: (body.keep ?? []).slice(0, 200),
              frequency: body.frequency === 'weekly' ? 'weekly' : 'each',
            });
      if (!ok) return invalidLink(request, reply);
      notice = body.action === 'stop' ? 'stopped' : 'saved';
    }
    const following = await getFollowing(db, secret, token);
    if (!following) return invalidLink(request, reply);
    return sendPage(
      deps,
      request,
      reply,
      () => <ManageFollowingPage following={following} token={token} notice={notice} refused={refused} />,
      refused ? 403 : 200,
      { private: true },
    );
  });

  // RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click" to the header's address, without
  // cookies or Origin; the token in the address is all it needs. A GET only shows the button.
  app.get('/follow/unsubscribe', { schema: { querystring: TokenQuery } }, async (request, reply) => {
    const token = tokenOf(request.query.token);
    if (!(await canStopFollowing(db, secret, token))) return invalidLink(request, reply);
    const t = await text(request);
    return sendPage(
      deps,
      request,
      reply,
      () => (
        <TokenButtonPage
          title={t('unsubscribe.title')}
          text={t('unsubscribe.text')}
          action="/follow/unsubscribe"
          token={token}
          button={t('unsubscribe.button')}
        />
      ),
      200,
      { private: true },
    );
  });
  app.post('/follow/unsubscribe', { schema: { querystring: TokenQuery, body: FormOrNone({ token: Text }) } }, async (request, reply) => {
    if (!(await stopFollowing(db, secret, tokenOf(request.body?.token ?? request.query.token)))) return invalidLink(request, reply);
    const t = await text(request);
    return sendPage(
      deps,
      request,
      reply,
      () => (
        <MessagePage title={t('unsubscribed.title')}>
          <p>{t('unsubscribed.text')}</p>
        </MessagePage>
      ),
      200,
      { private: true },
    );
  });

  // The followers' part of /privacy: the link mailed by POST /privacy proves the address.
  app.get('/privacy/followers', { schema: { querystring: TokenQuery } }, async (request, reply) => {
    const token = tokenOf(request.query.token);
    const hash = emailHashFromPrivacyToken(secret, token, new Date());
    if (!hash) return invalidLink(request, reply);
    const data = await exportFollowerData(db, hash);
    return sendPage(deps, request, reply, () => <PrivacyFollowerPage data={data} token={token} />, 200, { private: true });
  });
  app.get('/privacy/followers.json', { schema: { querystring: TokenQuery } }, async (request, reply) => {
    const hash = emailHashFromPrivacyToken(secret, tokenOf(request.query.token), new Date());
    if (!hash) return invalidLink(request, reply);
    return reply
      .header('cache-control', 'private, no-store')
      .header('content-disposition', 'attachment; filename="followers.json"')
      .send({
        format: 'ytring-followers',
        version: 1,
        exportedAt: new Date().toISOString(),
        follower: (await exportFollowerData(db, hash)) ?? null,
      });
  });
  app.post('/privacy/followers/erase', { schema: { body: TokenForm } }, async (request, reply) => {
    const token = tokenOf(request.body.token);
    const hash = emailHashFromPrivacyToken(secret, token, new Date());
    if (!hash) return invalidLink(request, reply);
    if (isForeign(request, 'follow-erase')) {
      const data = await exportFollowerData(db, hash);
      return sendPage(deps, request, reply, () => <PrivacyFollowerPage data={data} token={token} refused />, 403, { private: true });
    }
    await eraseFollowerData(db, hash);
    return sendPage(deps, request, reply, () => <PrivacyFollowerPage data={undefined} token={token} erased />, 200, { private: true });
  });
};
