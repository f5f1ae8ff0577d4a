import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';
import { useReviewText } from './review-text.js';

/** Asks once more before the posts list deletes the selected posts. */
export function BulkDeletePage({ chrome, posts, back }: { chrome: AdminChrome; posts: { id: string; title: string }[]; back: string }) {
  const t = useReviewText();
  const title = t('bulk.confirmTitle', { count: posts.length });
  return (
    <AdminLayout title={title} chrome={chrome}>
      <h1>{title}</h1>
      <ul>
        {posts.map((p) => (
          <li key={p.id}>{p.title}</li>
        ))}
      </ul>
      <p id="bulk-delete-text">{t('bulk.confirmText')}</p>
      <form method="post" action="/admin/posts/bulk" class="admin-form">
        <input type="hidden" name="_csrf" value={chrome.csrf} />
        <input type="hidden" name="action" value="delete" />
        <input type="hidden" name="confirm" value="1" />
        <input type="hidden" name="back" value={back} />
        {posts.map((p) => (
          <input key={p.id} type="hidden" name="ids" value={p.id} />
        ))}
        <p>
          <button type="submit" class="button--danger" aria-describedby="bulk-delete-text">
            {t('bulk.confirm')}
          </button>{' '}
          <a href={back}>{t('bulk.cancel')}</a>
        </p>
      </form>
    </AdminLayout>
  );
}
