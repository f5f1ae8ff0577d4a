import type { FollowerExport, Following } from '../../../followers/follower.service.js';
import { followerText, type FollowerMessageKey } from '../../../followers/follower.messages.js';
import { useView } from '../../context.js';
import { PageLayout } from '../../layouts/page-layout.js';
import { CrossSiteNotice } from '../../partials/cross-site-notice.js';
import { useHideEmails } from '../../partials/email.js';

function useText() {
  const { i18n } = useView();
  return followerText(i18n.lang);
}

const backLink = (from: string | undefined) => (from && from.startsWith('/') && !from.startsWith('//') ? from : '/');

/** The answer to the public form: the same words for every address, so it tells no one who follows. */
export function FollowAnswerPage({
  error,
  refused,
  email,
  from,
}: {
  error?: 'email' | 'topics' | 'rate-limited' | undefined;
  refused?: boolean;
  email?: string;
  from?: string;
}) {
  const t = useText();
  const { i18n } = useView();
  const title = error || refused ? t('error.title') : t('sent.title');
  const errorKey: Record<string, FollowerMessageKey> = {
    email: 'error.email',
    topics: 'error.topics',
    'rate-limited': 'error.rateLimited',
  };
  return (
    <PageLayout meta={{ title, canonical: false }}>
      <h1>{title}</h1>
      {refused && <CrossSiteNotice />}
      {error && (
        <p class="field-error" role="alert">
          {t(errorKey[error]!)}
        </p>
      )}
      {!error && !refused && (
        <p class="form-notice" role="status">
          {t('sent.text')}
        </p>
      )}
      {(error || refused) && email !== undefined && (
        <form method="post" action="/follow" class="comment-form">
          <input type="hidden" name="from" value={backLink(from)} />
          <div class="field">
            <label for="follow-again-email">{t('form.email')}</label>
            <input id="follow-again-email" name="email" type="email" autocomplete="email" required maxLength={200} value={email} />
          </div>
          <fieldset class="follow-form__topics">
            <legend>{t('form.what')}</legend>
            <p class="field checkbox">
              <input id="follow-again-site" name="topic" type="checkbox" value="site" checked />
              <label for="follow-again-site">{t('topic.site')}</label>
            </p>
          </fieldset>
          <p>
            <button type="submit">{t('form.submit')}</button>
          </p>
        </form>
      )}
      <p>
        <a href={backLink(from)}>{i18n.t('error.backHome')}</a>
      </p>
    </PageLayout>
  );
}

/** A page with one button that posts the token: a GET of a mailed link never changes anything. */
export function TokenButtonPage({
  title,
  text,
  action,
  token,
  button,
  refused,
}: {
  title: string;
  text: string;
  action: string;
  token: string;
  button: string;
  refused?: boolean;
}) {
  return (
    <PageLayout meta={{ title, canonical: false }}>
      <h1>{title}</h1>
      {refused && <CrossSiteNotice />}
      <p>{text}</p>
      <form method="post" action={action}>
        <input type="hidden" name="token" value={token} />
        <p>
          <button type="submit">{button}</button>
        </p>
      </form>
    </PageLayout>
  );
}

export function topicLabel(t: ReturnType<typeof followerText>, topic: { kind: string; name: string | undefined }): string {
  if (topic.kind === 'site') return t('topic.site');
  const key = `topic.${topic.kind}` as FollowerMessageKey;
  return topic.name === undefined ? `${t(key, { name: '' }).trim()} ${t('topic.gone')}` : t(key, { name: topic.name });
}

export function ManageFollowingPage({
  following,
  token,
  notice,
  refused,
}: {
  following: Following;
  token: string;
  notice?: 'saved' | 'stopped' | undefined;
  refused?: boolean;
}) {
  const t = useText();
  const hide = useHideEmails();
  const stopped = following.status === 'stopped' || following.status === 'bounced';
  return (
    <PageLayout meta={{ title: t('manage.title'), canonical: false }}>
      <h1>{t('manage.title')}</h1>
      {refused && <CrossSiteNotice />}
      {notice && (
        <p class="form-notice" role="status">
          {t(notice === 'saved' ? 'manage.saved' : 'manage.stopped')}
        </p>
      )}
      {stopped && !notice && <p>{t('manage.stopped')}</p>}
      <p class="follow-address">{hide(t('manage.intro', { email: following.email }))}</p>
      {following.topics.length === 0 ? (
        <p>{t('manage.none')}</p>
      ) : (
        <form method="post" action="/follow/manage" class="comment-form">
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="action" value="save" />
          <fieldset class="follow-form__topics">
            <legend>{t('manage.topics')}</legend>
            {following.topics.map((topic, i) => (
              <p class="field checkbox" key={`${topic.kind}:${topic.targetId}`}>
                <input id={`manage-topic-${i}`} name="keep" type="checkbox" value={`${topic.kind}:${topic.targetId}`} checked />
                <label for={`manage-topic-${i}`}>
                  {hide(topicLabel(t, topic))}
                  {!topic.confirmed && ` (${t('manage.pending')})`}
                </label>
              </p>
            ))}
          </fieldset>
          <fieldset class="follow-form__topics">
            <legend>{t('manage.frequency')}</legend>
            <p class="field checkbox">
              <input id="manage-each" name="frequency" type="radio" value="each" checked={following.frequency === 'each'} />
              <label for="manage-each">{t('manage.each')}</label>
            </p>
            <p class="field checkbox">
              <input id="manage-weekly" name="frequency" type="radio" value="weekly" checked={following.frequency === 'weekly'} />
              <label for="manage-weekly">{t('manage.weekly')}</label>
            </p>
          </fieldset>
          <p>
            <button type="submit">{t('manage.save')}</button>
          </p>
        </form>
      )}
      {!stopped && (
        <form method="post" action="/follow/manage">
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="action" value="stop" />
          <p>
            <button type="submit">{t('manage.stop')}</button>
          </p>
        </form>
      )}
      <p>
        <a href="/privacy">{t('manage.privacy')}</a>
      </p>
    </PageLayout>
  );
}

/** The followers' part of the /privacy self-service: what the address follows, download, erase. */
export function PrivacyFollowerPage({
  data,
  token,
  erased,
  refused,
}: {
  data: FollowerExport | undefined;
  token: string;
  erased?: boolean;
  refused?: boolean;
}) {
  const t = useText();
  const hide = useHideEmails();
  return (
    <PageLayout meta={{ title: t('privacy.heading'), canonical: false }}>
      <h1>{t('privacy.heading')}</h1>
      {refused && <CrossSiteNotice />}
      {erased && (
        <p class="form-notice" role="status">
          {t('privacy.erased')}
        </p>
      )}
      {!data ? (
        <p>{t('privacy.none')}</p>
      ) : (
        <>
          <ul>
            {data.topics.map((topic, i) => (
              <li key={i}>
                {hide(topicLabel(t, { kind: topic.kind, name: topic.name ?? undefined }))}
                {!topic.confirmed && ` (${t('manage.pending')})`}
              </li>
            ))}
          </ul>
          <p>
            <a class="button" href={`/privacy/followers.json?token=${encodeURIComponent(token)}`} download="followers.json">
              {t('privacy.download')}
            </a>
          </p>
          <form method="post" action="/privacy/followers/erase">
            <input type="hidden" name="token" value={token} />
            <p>
              <button type="submit">{t('privacy.erase')}</button>
            </p>
          </form>
        </>
      )}
    </PageLayout>
  );
}
