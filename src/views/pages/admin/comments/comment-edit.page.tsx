import { commentsMessages } from '../../../../admin/comments/comments.messages.js';
import { sectionText } from '../../../../admin/admin-i18n.js';
import type { ModerationComment } from '../../../../comments/moderation.service.js';
import type { MessageKey } from '../../../../i18n/messages.js';
import { useView } from '../../../context.js';
import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';
import { Hidden } from './moderation.page.js';

type Errors = Record<string, string>;

function useText() {
  return sectionText(commentsMessages, useView().i18n.lang);
}

function FieldError({ field, errors }: { field: string; errors: Errors }) {
  const t = useText();
  const code = errors[field];
  if (!code) return null;
  const key = `error.${field}.${code}`;
  const known = (commentsMessages.da as Record<string, string>)[key] !== undefined;
  return (
    <p class="field-error" id={`error-${field}`}>
      {known ? t(key as Parameters<typeof t>[0]) : code}
    </p>
  );
}

const invalidProps = (field: string, errors: Errors) =>
  errors[field] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `error-${field}` } : {};

/** Editing a comment's name and text; with errors it keeps what the moderator typed. */
export function CommentEditPage({
  chrome,
  comment,
  values,
  errors,
  back,
}: {
  chrome: AdminChrome;
  comment: ModerationComment;
  values: { name: string; body: string; version?: string };
  errors: Errors;
  back: string;
}) {
  const t = useText();
  return (
    <AdminLayout title={t('edit.title')} chrome={{ ...chrome, section: 'comments' }}>
      <h1>{t('edit.title')}</h1>
      <p>
        <a href={`${comment.post.path}#comment-${comment.id}`}>{comment.post.title}</a> · {t(`status.${comment.status}`)}
      </p>
      <form method="post" action={`/admin/comments/${comment.id}/edit`} class="admin-form">
        {errors.version ? (
          <div class="error-summary" role="alert" id="error-version">
            <p>{t('error.version.conflict')}</p>
            <p>{t('edit.savedMeanwhile')}</p>
            <blockquote class="comment-saved-meanwhile">
              <p>
                <strong>{comment.authorName}</strong>
              </p>
              <p class="comment-saved-meanwhile__body">{comment.body}</p>
            </blockquote>
          </div>
        ) : (
          Object.keys(errors).length > 0 && (
            <p class="error-summary" role="alert">
              {t('error.summary')}
            </p>
          )
        )}
        <Hidden csrf={chrome.csrf} back={back} />
        {values.version !== undefined && <input type="hidden" name="version" value={values.version} />}
        <div class="field">
          <label for="edit-name">{t('edit.name')}</label>
          <input id="edit-name" name="name" type="text" required maxLength={80} value={values.name} {...invalidProps('name', errors)} />
          <FieldError field="name" errors={errors} />
        </div>
        <div class="field">
          <label for="edit-body">{t('edit.body')}</label>
          <textarea id="edit-body" name="body" rows={10} required maxLength={5000} {...invalidProps('body', errors)}>
            {values.body}
          </textarea>
          <FieldError field="body" errors={errors} />
        </div>
        <p>
          <button type="submit">{t('edit.save')}</button> <a href={back}>{t('edit.back')}</a>
        </p>
      </form>
    </AdminLayout>
  );
}

/** A staff reply to one comment, for when the inline form came back with an error (or without JavaScript's help). */
export function CommentReplyPage({
  chrome,
  comment,
  body,
  errors,
  back,
  badge,
}: {
  chrome: AdminChrome;
  comment: ModerationComment;
  body: string;
  errors: Errors;
  back: string;
  badge: 'author' | 'staff';
}) {
  const { i18n } = useView();
  const t = useText();
  return (
    <AdminLayout title={t('reply.title', { name: comment.authorName })} chrome={{ ...chrome, section: 'comments' }}>
      <h1>{t('reply.title', { name: comment.authorName })}</h1>
      <figure class="mod-quote">
        <figcaption>
          {t('reply.original')} · <a href={`${comment.post.path}#comment-${comment.id}`}>{comment.post.title}</a>
        </figcaption>
        <blockquote class="mod-text">{comment.body}</blockquote>
      </figure>
      <form method="post" action={`/admin/comments/${comment.id}/reply`} class="admin-form">
        {Object.keys(errors).length > 0 && (
          <p class="error-summary" role="alert">
            {t('error.summary')}
          </p>
        )}
        <Hidden csrf={chrome.csrf} back={back} />
        {comment.status === 'pending' && <p class="hint">{t('reply.held')}</p>}
        <div class="field">
          <label for="reply-body">{t('reply.body')}</label>
          <textarea
            id="reply-body"
            name="body"
            rows={8}
            required
            maxLength={5000}
            aria-describedby={`reply-hint${errors.body ? ' error-body' : ''}`}
            aria-invalid={errors.body ? 'true' : undefined}
          >
            {body}
          </textarea>
          <span class="hint" id="reply-hint">
            {t('reply.hint', { badge: i18n.t(`comments.badge.${badge}` as MessageKey) })}
          </span>
          <FieldError field="body" errors={errors} />
        </div>
        <p>
          <button type="submit">{t('reply.submit')}</button> <a href={back}>{t('edit.back')}</a>
        </p>
      </form>
    </AdminLayout>
  );
}
