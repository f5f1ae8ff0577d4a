/** Deleting a blog: a confirmation page that says what the blog holds and what will happen to it. */
import type { AdminChrome } from '../../../layouts/admin-layout.js';
import { AdminLayout } from '../../../layouts/admin-layout.js';
import { usePeopleText } from './people.page.js';

export interface BlogDeleteView {
  blog: { id: string; slug: string; title: string };
  counts: { published: number; drafts: number; comments: number };
  otherBlogs: { id: string; title: string; slug: string }[];
  /** Chosen before a refusal: 'move' or 'delete', and the target blog. */
  choice?: { fate: string; moveTo: string };
  /** Why the last attempt was refused (a sentence), and the titles of the clashing posts. */
  refusal?: { text: string; titles: string[] };
}

export function BlogDeletePage({ chrome, view }: { chrome: AdminChrome; view: BlogDeleteView }) {
  const { t } = usePeopleText();
  const { blog, counts, otherBlogs, choice, refusal } = view;
  const title = t('blogDelete.title', { title: blog.title });
  const fate = choice?.fate ?? 'move';
  return (
    <AdminLayout title={title} chrome={chrome}>
      <p>
        <a href={`/admin/blogs/${blog.id}`}>← {blog.title}</a>
      </p>
      <h1>{title}</h1>
      <p>{t('blogDelete.holds', { title: blog.title })}</p>
      <ul id="blog-holds">
        <li>{t('blogDelete.published', { n: counts.published })}</li>
        <li>{t('blogDelete.drafts', { n: counts.drafts })}</li>
        <li>{t('blogDelete.comments', { n: counts.comments })}</li>
      </ul>
      {refusal && (
        <div class="form-notice" role="alert" id="delete-refused">
          <p>{refusal.text}</p>
          {refusal.titles.length > 0 && (
            <ul>
              {refusal.titles.map((title) => (
                <li key={title}>{title}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {otherBlogs.length === 0 ? (
        <p class="form-notice" role="alert" id="delete-refused-last">
          {t('blogDelete.last')}
        </p>
      ) : (
        <form method="post" action={`/admin/blogs/${blog.id}/delete`} class="admin-form">
          <input type="hidden" name="_csrf" value={chrome.csrf} />
          <fieldset>
            <legend>{t('blogDelete.fate')}</legend>
            <p>
              <input type="radio" id="fate-move" name="fate" value="move" checked={fate === 'move'} />{' '}
              <label for="fate-move">{t('blogDelete.move')}</label>
            </p>
            <p>
              <label for="blog-move-to">{t('blogDelete.moveTo')}</label>{' '}
              <select id="blog-move-to" name="moveTo" aria-describedby="blog-move-hint">
                {otherBlogs.map((b) => (
                  <option key={b.id} value={b.id} selected={b.id === choice?.moveTo}>
                    {b.title} (/{b.slug})
                  </option>
                ))}
              </select>
            </p>
            <p class="hint" id="blog-move-hint">
              {t('blogDelete.moveHint', { slug: blog.slug })}
            </p>
            <p>
              <input type="radio" id="fate-delete" name="fate" value="delete" checked={fate === 'delete'} />{' '}
              <label for="fate-delete">{t('blogDelete.delete')}</label>
            </p>
            <p class="hint">{t('blogDelete.deleteHint')}</p>
          </fieldset>
          <p>
            <button type="submit" class="button--danger">
              {t('blogDelete.confirm', { title: blog.title })}
            </button>
          </p>
        </form>
      )}
    </AdminLayout>
  );
}
