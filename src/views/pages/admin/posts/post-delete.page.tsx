import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';
import { usePostText } from './post-fields.js';

export function PostDeletePage({ chrome, post }: { chrome: AdminChrome; post: { id: string; title: string } }) {
  const t = usePostText();
  const title = t('delete.title', { title: post.title });
  return (
    <AdminLayout title={title} chrome={chrome}>
      <h1>{title}</h1>
      <p id="delete-text">{t('delete.text')}</p>
      <form method="post" action={`/admin/posts/${post.id}/delete`} class="admin-form">
        <input type="hidden" name="_csrf" value={chrome.csrf} />
        <p>
          <button type="submit" class="button--danger" aria-describedby="delete-text">
            {t('delete.confirm')}
          </button>{' '}
          <a href={`/admin/posts/${post.id}/edit`}>{t('delete.cancel')}</a>
        </p>
      </form>
    </AdminLayout>
  );
}
