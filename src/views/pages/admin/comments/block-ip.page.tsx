import { commentsMessages } from '../../../../admin/comments/comments.messages.js';
import { sectionText } from '../../../../admin/admin-i18n.js';
import type { BlockScope } from '../../../../comments/blocklist.service.js';
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
  reach: { comments: number; people: number; scopes: readonly BlockScope[] };
  back: string;
}) {
  const t = sectionText(commentsMessages, useView().i18n.lang);
  const counted = {
    comments: t(reach.comments === 1 ? 'blockIp.comments.one' : 'blockIp.comments.many', { n: reach.comments }),
    people: t(reach.people === 1 ? 'blockIp.people.one' : 'blockIp.people.many', { n: reach.people }),
  };
  return (
    <AdminLayout title={t('blockIp.title')} chrome={{ ...chrome, section: 'comments' }}>
      <h1>{t('blockIp.title')}</h1>
      <p>{t('blockIp.comment', { name: comment.erased ? '—' : comment.authorName, title: comment.post.title })}</p>
      <p class="notice">
        {reach.scopes.includes('site') ? t('blockIp.reach', counted) : t('blockIp.reachBlog', { ...counted, blog: comment.blog.title })}
      </p>
      <p>{t('blockIp.shared')}</p>
      <form method="post" action={`/admin/comments/${comment.id}/block-ip`}>
        <Hidden csrf={chrome.csrf} back={back} />
        {reach.scopes.length > 1 ? (
          <fieldset>
            <legend>{t('block.scope')}</legend>
            {reach.scopes.map((scope, i) => (
              <p class="field checkbox" key={scope}>
                <input type="radio" id={`block-scope-${scope}`} name="scope" value={scope} checked={i === 0} />
                <label for={`block-scope-${scope}`}>
                  {scope === 'site' ? t('block.scope.site') : t('block.scope.blog', { blog: comment.blog.title })}
                </label>
              </p>
            ))}
          </fieldset>
        ) : (
          <input type="hidden" name="scope" value={reach.scopes[0]} />
        )}
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
