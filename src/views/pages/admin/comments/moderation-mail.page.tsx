/** A person's own choice of mail about comments waiting for moderation. */
import { sectionText } from '../../../../admin/admin-i18n.js';
import { moderationMailMessages } from '../../../../admin/comments/moderation-mail.messages.js';
import { COMMENT_MAILS, type CommentMail } from '../../../../comments/moderator-mail.repository.js';
import { useView } from '../../../context.js';
import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';

export function ModerationMailPage({ chrome, current, saved }: { chrome: AdminChrome; current: CommentMail; saved: boolean }) {
  const { i18n } = useView();
  const t = sectionText(moderationMailMessages, i18n.lang);
  return (
    <AdminLayout title={t('modmail.title')} chrome={chrome}>
      <p>
        <a href="/admin/comments">← {t('modmail.back')}</a>
      </p>
      <h1>{t('modmail.title')}</h1>
      {saved && (
        <p class="form-notice" role="status">
          {t('modmail.saved')}
        </p>
      )}
      <form method="post" action="/admin/moderation-mail">
        <input type="hidden" name="_csrf" value={chrome.csrf} />
        <fieldset>
          <legend>{t('modmail.legend')}</legend>
          {COMMENT_MAILS.map((mode) => (
            <p>
              <label>
                <input type="radio" name="commentMail" value={mode} checked={mode === current} /> {t(`modmail.${mode}`)}
              </label>
            </p>
          ))}
          <p class="hint">{t('modmail.hint')}</p>
        </fieldset>
        <p>
          <button type="submit">{t('modmail.save')}</button>
        </p>
      </form>
    </AdminLayout>
  );
}
