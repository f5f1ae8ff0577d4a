/** The posts list's bulk actions: a checkbox per row, tied to one form above the table, and the result. */
import type { BulkNotice } from '../../../../posts/post-bulk.service.js';
import { useReviewText } from './review-text.js';

const FORM_ID = 'bulk-form';

export function SelectCell({ id, title }: { id: string; title: string }) {
  const t = useReviewText();
  return (
    <td class="select-cell">
      <input type="checkbox" name="ids" value={id} form={FORM_ID} id={`select-${id}`} aria-label={t('bulk.select', { title })} />
    </td>
  );
}

export function BulkControls({ csrf, back, blogs }: { csrf: string; back: string; blogs: { id: string; title: string }[] }) {
  const t = useReviewText();
  return (
    <form id={FORM_ID} method="post" action="/admin/posts/bulk" class="bulk-actions">
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="back" value={back} />
      <fieldset>
        <legend>{t('bulk.legend')}</legend>
        {/* ytring.js shows the box and ticks every row's box with it; without script each row is ticked alone. */}
        <p class="select-all" hidden>
          <input type="checkbox" id="posts-select-all" data-select-all={FORM_ID} />
          <label for="posts-select-all">{t('bulk.selectAll')}</label>
        </p>
        <div class="field">
          <label for="bulk-action">{t('bulk.action')}</label>
          <select id="bulk-action" name="action">
            <option value="">{t('bulk.choose')}</option>
            <option value="publish">{t('bulk.publish')}</option>
            <option value="unpublish">{t('bulk.unpublish')}</option>
            <option value="move">{t('bulk.move')}</option>
            <option value="delete">{t('bulk.delete')}</option>
          </select>
        </div>
        <div class="field">
          <label for="bulk-blog">{t('bulk.blog')}</label>
          <select id="bulk-blog" name="blog">
            <option value="">{t('bulk.choose')}</option>
            {blogs.map((b) => (
              <option key={b.id} value={b.id}>
                {b.title}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <button type="submit">{t('bulk.apply')}</button>
        </div>
      </fieldset>
    </form>
  );
}

export function BulkResult({ notice }: { notice: BulkNotice }) {
  const t = useReviewText();
  if (notice.kind !== 'done') {
    return (
      <p class="error-summary" role="alert">
        {t(notice.kind === 'none' ? 'bulk.noneChosen' : 'bulk.blogRequired')}
      </p>
    );
  }
  const unchanged = notice.count - notice.done - notice.failed;
  return (
    <div class="form-notice" role="status">
      <p>
        {t('bulk.done', { action: t(`bulk.${notice.action}`), done: notice.done, count: notice.count })}
        {unchanged > 0 && ` ${t('bulk.same')}`}
      </p>
      {notice.failed > 0 && <p>{t('bulk.failed', { count: notice.failed })}</p>}
    </div>
  );
}
