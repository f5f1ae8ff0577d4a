import { adminMessages } from '../../../admin/admin.messages.js';
import { sectionText } from '../../../admin/admin-i18n.js';
import { commentsMessages } from '../../../admin/comments/comments.messages.js';
import type { CommentGlance } from '../../../comments/moderation.service.js';
import type { PostStatus } from '../../../posts/post.js';
import { useView } from '../../context.js';
import { AdminLayout, type AdminChrome } from '../../layouts/admin-layout.js';

export function DashboardPage({
  chrome,
  counts,
  waiting,
  newest,
}: {
  chrome: AdminChrome;
  counts: Record<PostStatus, number>;
  waiting: number;
  newest: CommentGlance[];
}) {
  const { i18n } = useView();
  const t = sectionText(adminMessages, i18n.lang);
  const statusText = sectionText(commentsMessages, i18n.lang);
  const writes = chrome.actor?.role !== 'moderator';
  return (
    <AdminLayout title={t('dashboard.title')} chrome={chrome}>
      <h1>{t('dashboard.title')}</h1>
      <div class="cards">
        {writes && (
          <section class="card" aria-labelledby="dash-posts">
            <h2 id="dash-posts">{t('dashboard.posts')}</h2>
            <ul class="stats">
              {(['published', 'scheduled', 'draft'] as const).map((status) => (
                <li key={status}>
                  <a href={`/admin/posts?status=${status}`}>
                    <strong>{counts[status]}</strong> {t(`dashboard.status.${status}`)}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}
        <section class="card" aria-labelledby="dash-waiting">
          <h2 id="dash-waiting">{t('dashboard.waiting')}</h2>
          <p class="big">
            <a href="/admin/comments?status=pending">
              <strong>{waiting}</strong>
            </a>
          </p>
        </section>
        <section class="card" aria-labelledby="dash-quick">
          <h2 id="dash-quick">{t('dashboard.quick')}</h2>
          <ul>
            {writes && (
              <li>
                <a href="/admin/posts/new">{t('dashboard.newPost')}</a>
              </li>
            )}
            <li>
              <a href="/admin/comments">{t('dashboard.moderate')}</a>
            </li>
          </ul>
        </section>
      </div>
      <section aria-labelledby="dash-newest">
        <h2 id="dash-newest">{t('dashboard.newest')}</h2>
        {newest.length === 0 ? (
          <p>{t('dashboard.none')}</p>
        ) : (
          <ul class="glance">
            {newest.map((c) => (
              <li key={c.id}>
                <strong>{c.authorName || '—'}</strong> · <a href={c.postUrl}>{c.postTitle}</a> ·{' '}
                <time datetime={c.createdAt.toISOString()}>{i18n.dateTime(c.createdAt)}</time>
                {c.status !== 'approved' && <span class="badge badge--status">{statusText(`status.${c.status}`)}</span>}
                <br />
                <span class="excerpt">{c.excerpt}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </AdminLayout>
  );
}
