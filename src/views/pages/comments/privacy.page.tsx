import type { OwnCommentExport } from '../../../comments/commenter.service.js';
import { followerText } from '../../../followers/follower.messages.js';
import { useView } from '../../context.js';
import { PageLayout } from '../../layouts/page-layout.js';
import { CrossSiteNotice } from '../../partials/cross-site-notice.js';

export function PrivacyRequestPage({
  sent,
  error,
  email,
  refused,
}: {
  sent?: boolean;
  error?: boolean;
  email?: string;
  refused?: boolean;
}) {
  const { i18n } = useView();
  return (
    <PageLayout meta={{ title: i18n.t('privacy.title') }}>
      <h1>{i18n.t('privacy.title')}</h1>
      <p>{i18n.t('privacy.intro')}</p>
      {sent && (
        <p class="form-notice" role="status">
          {i18n.t('privacy.sent')}
        </p>
      )}
      {refused && <CrossSiteNotice />}
      <form method="post" action="/privacy" class="comment-form">
        <div class="field">
          <label for="privacy-email">{i18n.t('privacy.email')}</label>
          <input
            id="privacy-email"
            name="email"
            type="email"
            autocomplete="email"
            required
            maxLength={200}
            value={email ?? ''}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'privacy-error' : undefined}
          />
          {error && (
            <p class="field-error" id="privacy-error" role="alert">
              {i18n.t('error.email.invalid_privacy')}
            </p>
          )}
        </div>
        <p>
          <button type="submit">{i18n.t('privacy.send')}</button>
        </p>
      </form>
    </PageLayout>
  );
}

export function PrivacyCommentsPage({
  comments,
  token,
  erased,
  refused,
}: {
  comments: OwnCommentExport[];
  token: string;
  erased?: number;
  refused?: boolean;
}) {
  const { i18n } = useView();
  return (
    <PageLayout meta={{ title: i18n.t('privacy.listTitle'), canonical: false }}>
      <h1>{i18n.t('privacy.listTitle')}</h1>
      {erased !== undefined && (
        <p class="form-notice" role="status">
          {i18n.t('privacy.erased', { count: erased })}
        </p>
      )}
      {refused && <CrossSiteNotice />}
      <p>
        <a href={`/privacy/followers?token=${encodeURIComponent(token)}`}>{followerText(i18n.lang)('privacy.link')}</a>
      </p>
      {comments.length === 0 ? (
        <p>{i18n.t('privacy.none')}</p>
      ) : (
        <>
          <ol class="comments">
            {comments.map((c) => (
              <li key={c.id} class="comment">
                <p class="meta">
                  <a href={c.post.url}>{c.post.title}</a> · <time datetime={c.createdAt}>{i18n.dateTime(new Date(c.createdAt))}</time> ·{' '}
                  {i18n.t(`comment.status.${c.status}`)}
                </p>
                <div class="comment__body">
                  {c.body.split(/\n\s*\n/).map((p, i) => (
                    <p key={i}>{p}</p>
                  ))}
                </div>
              </li>
            ))}
          </ol>
          <p>
            <a class="button" href={`/privacy/comments.json?token=${encodeURIComponent(token)}`} download="comments.json">
              {i18n.t('privacy.download')}
            </a>
          </p>
          <form method="post" action="/privacy/erase">
            <input type="hidden" name="token" value={token} />
            <p class="hint" id="erase-hint">
              {i18n.t('privacy.eraseHint')}
            </p>
            <p>
              <button type="submit" aria-describedby="erase-hint">
                {i18n.t('privacy.erase')}
              </button>
            </p>
          </form>
        </>
      )}
    </PageLayout>
  );
}
