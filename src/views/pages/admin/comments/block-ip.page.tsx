import { commentsMessages } from '../../../../admin/comments/comments.messages.js';
import { sectionText } from '../../../../admin/admin-i18n.js';
import type { ModerationComment } from '../../../../comments/moderation.service.js';
import { useView } from '../../../context.js';
import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';
import { Hidden } from './moderation.page.js';

/** The warning before an IP hash is blocked: how many comments and people it reaches. */
export function BlockIpPage({
  chrome,
  comment,
  reach,
  back,
}: {
  chrome: AdminChrome;
  comment: ModerationComment;
  reach: { comments: number; people: number };
  back: string;
}) {
  const t = sectionText(commentsMessages, useView().i18n.lang);
  return (
    <AdminLayout title={t('blockIp.title')} chrome={{ ...chrome, section: 'comments' }}>
      <h1>{t('blockIp.title')}</h1>
      <p>{t('blockIp.comment', { name: comment.erased ? '—' : comment.authorName, title: comment.post.title })}</p>
      <p class="notice">{t('blockIp.reach', { comments: reach.comments, people: reach.people })}</p>
      <p>{t('blockIp.shared')}</p>
      <form method="post" action={`/admin/comments/${comment.id}/block-ip`}>
        <Hidden csrf={chrome.csrf} back={back} />
        <p class="mod-search__buttons">
          <button type="submit" class="button--danger">
            {t('blockIp.confirm')}
          </button>
          <a href={`${back}#comment-${comment.id}`}>{t('blockIp.cancel')}</a>
        </p>
      </form>
    </AdminLayout>
  );
}
