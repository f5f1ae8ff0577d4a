import type { PreviewLink } from '../../../../posts/preview-link.service.js';
import { useView } from '../../../context.js';
import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';
import { TableScroll } from '../../../partials/table-scroll.js';
import { useReviewText } from './review-text.js';

export interface PreviewLinksModel {
  post: { id: string; title: string; status: string };
  links: PreviewLink[];
  days: readonly number[];
  /** The address of a link just made: shown this once. */
  created?: string;
  notice?: 'revoked';
}

/** Preview links of one post: make one with an expiry, see them with theirs, withdraw one. */
export function PreviewLinksPage({ chrome, model }: { chrome: AdminChrome; model: PreviewLinksModel }) {
  const t = useReviewText();
  const { i18n } = useView();
  const { post } = model;
  const title = t('share.title', { title: post.title });
  return (
    <AdminLayout title={title} chrome={chrome}>
      <h1>{title}</h1>
      <p>
        <a href={`/admin/posts/${post.id}/edit`}>{t('share.back')}</a>
      </p>
      {model.created && (
        <div class="form-notice" role="status">
          <p>{t('share.created')}</p>
          <div class="field">
            <label for="share-url">{t('share.url')}</label>
            <input id="share-url" type="url" readOnly value={model.created} class="share-url" />
          </div>
        </div>
      )}
      {model.notice === 'revoked' && (
        <p class="form-notice" role="status">
          {t('share.revoked')}
        </p>
      )}
      {post.status === 'published' && <p>{t('share.published')}</p>}
      <p>{t('share.intro')}</p>
      <form method="post" action={`/admin/posts/${post.id}/preview-links`} class="admin-form">
        <input type="hidden" name="_csrf" value={chrome.csrf} />
        <div class="field">
          <label for="share-days">{t('share.days')}</label>
          <select id="share-days" name="days">
            {model.days.map((d) => (
              <option key={d} value={String(d)} selected={d === 7}>
                {t(`share.days.${d}` as 'share.days.7')}
              </option>
            ))}
          </select>
        </div>
        <p>
          <button type="submit">{t('share.create')}</button>
        </p>
      </form>
      <h2 id="share-list">{t('share.list')}</h2>
      {model.links.length === 0 ? (
        <p>{t('share.none')}</p>
      ) : (
        <TableScroll labelledBy="share-list">
          <table class="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('share.col.created')}</th>
                <th scope="col">{t('share.col.expires')}</th>
                <th scope="col">{t('share.col.state')}</th>
                <th scope="col">{t('share.col.action')}</th>
              </tr>
            </thead>
            <tbody>
              {model.links.map((link) => (
                <tr key={link.id} class="preview-link" data-state={link.state}>
                  <td>
                    <time datetime={link.createdAt.toISOString()}>{i18n.dateTime(link.createdAt)}</time>
                  </td>
                  <td>
                    <time datetime={link.expiresAt.toISOString()}>{i18n.dateTime(link.expiresAt)}</time>
                  </td>
                  <td>{t(`share.state.${link.state}`)}</td>
                  <td>
                    {link.state === 'active' && (
                      <form method="post" action={`/admin/posts/${post.id}/preview-links/${link.id}/revoke`}>
                        <input type="hidden" name="_csrf" value={chrome.csrf} />
                        <button
                          type="submit"
                          class="button--secondary"
                          aria-label={t('share.revokeLabel', { date: i18n.dateTime(link.createdAt) })}
                        >
                          {t('share.revoke')}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </AdminLayout>
  );
}
