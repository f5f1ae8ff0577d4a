import type { EditHoldReason, ManagedComment } from '../../../comments/commenter.service.js';
import type { MessageKey } from '../../../i18n/messages.js';
import { useView } from '../../context.js';
import { PageLayout } from '../../layouts/page-layout.js';
import { CrossSiteNotice } from '../../partials/cross-site-notice.js';

/** The message for one reason a saved edit is held, with its parameters. */
function holdReasonText(reason: EditHoldReason): [MessageKey, Record<string, string | number>?] {
  switch (reason.kind) {
    case 'links':
      return reason.max === 0
        ? ['manage.heldFor.anyLink']
        : [reason.max === 1 ? 'manage.heldFor.link' : 'manage.heldFor.links', { max: reason.max }];
    case 'words':
      return ['manage.heldFor.words'];
    case 'content':
      return ['manage.heldFor.content'];
    case 'review':
      return ['manage.heldFor.review'];
    case 'first-time':
      return ['manage.heldFor.firstTime'];
  }
}

export function ManageCommentPage({
  comment,
  token,
  notice,
  heldFor = [],
  error,
  editWindowMinutes,
  draft,
  refused,
  version,
}: {
  comment: ManagedComment;
  token: string;
  notice?: MessageKey;
  /** Why a saved edit waits for a moderator, said after the notice. */
  heldFor?: readonly EditHoldReason[];
  error?: string;
  editWindowMinutes: number;
  draft?: string;
  refused?: boolean;
  /** What the typed text was based on, when it is not the text as it is now (see commentTextVersion). */
  version?: string;
}) {
  const { i18n } = useView();
  return (
    <PageLayout meta={{ title: i18n.t('manage.title'), canonical: false }}>
      <h1>{i18n.t('manage.title')}</h1>
      <p>
        {i18n.t('manage.on')}: <a href={comment.postUrl}>{comment.postTitle}</a> ·{' '}
        <time datetime={comment.createdAt.toISOString()}>{i18n.dateTime(comment.createdAt)}</time>
      </p>
      {notice && (
        <p class="form-notice" role="status">
          {[i18n.t(notice), ...heldFor.map((reason) => i18n.t(...holdReasonText(reason)))].join(' ')}
        </p>
      )}
      {refused && <CrossSiteNotice />}
      {!comment.erased &&
        (comment.canEdit || draft !== undefined ? (
          <form method="post" action="/comments/manage" class="comment-form">
            <input type="hidden" name="token" value={token} />
            <input type="hidden" name="action" value="edit" />
            <input type="hidden" name="version" value={version ?? comment.version} />
            <div class="field">
              <label for="manage-body">{i18n.t('manage.edit')}</label>
              <textarea
                id="manage-body"
                name="body"
                rows={8}
                maxLength={5000}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={error ? (refused ? 'cross-site-error' : 'manage-error') : undefined}
              >
                {draft ?? comment.body}
              </textarea>
              {error && !refused && (
                <p class="field-error" id="manage-error" role="alert">
                  {i18n.t(`manage.error.${error}` as MessageKey)}
                </p>
              )}
            </div>
            {error === 'changed' && (
              <div>
                <p>{i18n.t('manage.changedNow')}</p>
                <blockquote class="comment-saved-meanwhile">
                  <p class="comment-saved-meanwhile__body">{comment.body}</p>
                </blockquote>
              </div>
            )}
            <p>
              <button type="submit">{i18n.t('manage.save')}</button>
            </p>
          </form>
        ) : (
          <>
            <blockquote class="comment__body">
              {comment.body.split(/\n\s*\n/).map((p, i) => (
                <p key={i}>{p}</p>
              ))}
            </blockquote>
            <p>{i18n.t('manage.windowClosed', { minutes: editWindowMinutes })}</p>
          </>
        ))}
      {!comment.erased && (
        <form method="post" action="/comments/manage">
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="action" value="confirm-delete" />
          <p class="hint" id="delete-hint">
            {i18n.t('manage.deleteHint')}
          </p>
          <p>
            <button type="submit" aria-describedby="delete-hint">
              {i18n.t('manage.delete')}
            </button>
          </p>
        </form>
      )}
      {comment.subscribed && (
        <form method="post" action="/comments/subscriptions/unsubscribe">
          <input type="hidden" name="token" value={token} />
          <p>
            <button type="submit">{i18n.t('manage.stopMails')}</button>
          </p>
        </form>
      )}
    </PageLayout>
  );
}
