import type { AdminPostRow } from '../../../../posts/post-admin.service.js';
import type { PostStatus } from '../../../../posts/post.js';
import { useView } from '../../../context.js';
import { TableScroll } from '../../../partials/table-scroll.js';
import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';
import type { BulkNotice } from '../../../../posts/post-bulk.service.js';
import { usePostText } from './post-fields.js';
import { BulkControls, BulkResult, SelectCell } from './post-bulk.js';

export interface PostListFilter {
  q: string;
  blog: string;
  author: string;
  status: string;
  tag: string;
}

export interface PostListModel {
  filter: PostListFilter;
  items: AdminPostRow[];
  page: number;
  pages: number;
  total: number;
  notice?: 'deleted';
  /** The list's own address, where a bulk action comes back to. */
  back?: string;
  bulk?: BulkNotice;
  choices: { blogs: { id: string; title: string }[]; authors: { id: string; name: string }[]; tags: { slug: string; name: string }[] };
}

export function StatusText({ status, publishedAt }: { status: PostStatus; publishedAt: Date | null }) {
  const t = usePostText();
  const { i18n } = useView();
  if (status === 'draft' || !publishedAt) return <>{t('status.draft')}</>;
  const time = <time datetime={publishedAt.toISOString()}>{i18n.dateTime(publishedAt)}</time>;
  return (
    <>
      {t(status === 'scheduled' ? 'status.scheduled' : 'status.published')}
      <br />
      <span class="hint">{time}</span>
    </>
  );
}

function pageHref(filter: PostListFilter, page: number): string {
  const params = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/admin/posts${query ? `?${query}` : ''}`;
}

export function PostListPage({ chrome, model }: { chrome: AdminChrome; model: PostListModel }) {
  const t = usePostText();
  const { i18n } = useView();
  const { filter, choices } = model;
  const select = (id: string, name: keyof PostListFilter, label: string, options: { value: string; label: string }[]) => (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name}>
        <option value="">{t('list.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={filter[name] === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <AdminLayout title={t('list.title')} chrome={chrome}>
      <h1>{t('list.title')}</h1>
      {model.notice && (
        <p class="form-notice" role="status">
          {t('delete.done')}
        </p>
      )}
      <p>
        <a class="button" href="/admin/posts/new">
          {t('list.new')}
        </a>
      </p>
      <form method="get" action="/admin/posts" class="filters" role="search" autocomplete="off" aria-label={t('list.filters')}>
        <div class="field">
          <label for="filter-q">{t('list.q')}</label>
          <input type="search" id="filter-q" name="q" value={filter.q} />
        </div>
        {select(
          'filter-blog',
          'blog',
          t('list.blog'),
          choices.blogs.map((b) => ({ value: b.id, label: b.title })),
        )}
        {select(
          'filter-author',
          'author',
          t('list.author'),
          choices.authors.map((a) => ({ value: a.id, label: a.name })),
        )}
        {select(
          'filter-status',
          'status',
          t('list.status'),
          (['draft', 'scheduled', 'published'] as const).map((s) => ({ value: s, label: t(`status.${s}`) })),
        )}
        {select(
          'filter-tag',
          'tag',
          t('list.tag'),
          choices.tags.map((tag) => ({ value: tag.slug, label: tag.name })),
        )}
        <div class="field">
          <button type="submit">{t('list.apply')}</button> <a href="/admin/posts">{t('list.reset')}</a>
        </div>
      </form>
      {model.bulk && <BulkResult notice={model.bulk} />}
      <p id="post-count">{model.total === 1 ? t('list.count.one') : t('list.count.many', { count: model.total })}</p>
      {model.items.length === 0 ? (
        <p>{t('list.none')}</p>
      ) : (
        <BulkControls csrf={chrome.csrf} back={model.back ?? '/admin/posts'} blogs={choices.blogs} />
      )}
      {model.items.length > 0 && (
        <TableScroll label={t('list.title')}>
          <table class="admin-table">
            <caption class="visually-hidden">{t('list.caption')}</caption>
            <thead>
              <tr>
                <td />
                <th scope="col">{t('list.col.title')}</th>
                <th scope="col">{t('list.col.blog')}</th>
                <th scope="col">{t('list.col.authors')}</th>
                <th scope="col">{t('list.col.status')}</th>
                <th scope="col">{t('list.col.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {model.items.map((post) => (
                <tr key={post.id}>
                  <SelectCell id={post.id} title={post.title} />
                  <th scope="row">
                    <a href={`/admin/posts/${post.id}/edit`}>{post.title}</a>
                  </th>
                  <td>{post.blog.title}</td>
                  <td>{post.authors.map((a) => a.name).join(', ')}</td>
                  <td>
                    <StatusText status={post.status} publishedAt={post.publishedAt} />
                  </td>
                  <td>
                    <time datetime={post.updatedAt.toISOString()}>{i18n.dateTime(post.updatedAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {model.pages > 1 && (
        <nav class="pagination" aria-label={t('list.pages')}>
          {model.page > 1 && (
            <a href={pageHref(filter, model.page - 1)} rel="prev">
              ← {t('list.previous')}
            </a>
          )}
          <span>{t('list.page', { page: model.page, pages: model.pages })}</span>
          {model.page < model.pages && (
            <a href={pageHref(filter, model.page + 1)} rel="next">
              {t('list.next')} →
            </a>
          )}
        </nav>
      )}
    </AdminLayout>
  );
}
