/** The media library: a paginated grid of uploads with where each is used, search, upload and delete. */
import type { LibraryItem } from '../../../../uploads/media.service.js';
import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';
import { UPLOAD_PROBLEM_KEYS, type UploadProblem } from '../../../../admin/media/upload-problems.js';
import { usePostText } from '../posts/post-fields.js';
import { useMediaText } from './featured-fields.js';

export interface MediaLibraryModel {
  q: string;
  items: LibraryItem[];
  page: number;
  pages: number;
  total: number;
  notice?: 'deleted' | 'uploaded';
  /** inUse (with errorFor, the upload refused), or an upload problem. */
  error?: 'inUse' | UploadProblem;
  errorFor?: string;
  /** The alt text typed with a refused upload, kept. */
  alt?: string;
}

const pageHref = (q: string, page: number) => {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/admin/media?${query}` : '/admin/media';
};

function Item({ item, csrf, refused }: { item: LibraryItem; csrf: string; refused: boolean }) {
  const t = useMediaText();
  const name = item.alt || item.fileName;
  const headingId = `media-${item.id}`;
  return (
    <li class="media-item" aria-labelledby={headingId}>
      <img src={item.thumbnailUrl} alt={item.alt} width={item.width} height={item.height} loading="lazy" class="media-item__img" />
      <h2 class="media-item__name" id={headingId}>
        {item.alt || <span class="hint">{t('media.noAlt')}</span>}
      </h2>
      <p class="hint media-item__file">
        <a href={`/uploads/${item.fileName}`}>{item.fileName}</a> · {t('media.size', { width: item.width, height: item.height })}
      </p>
      {refused && (
        <p class="field-error" role="alert" id={`${headingId}-error`}>
          {t('media.inUse')}
        </p>
      )}
      {item.used ? (
        <div class="media-item__usage">
          <p>{t('media.usedBy')}:</p>
          <ul>
            {item.usage.featured.map((p) => (
              <li key={`f${p.id}`}>
                <a href={`/admin/posts/${p.id}/edit`}>{t('media.featuredIn', { title: p.title })}</a>
              </li>
            ))}
            {item.usage.bodies.map((p) => (
              <li key={`b${p.id}`}>
                <a href={`/admin/posts/${p.id}/edit`}>{t('media.bodyOf', { title: p.title })}</a>
              </li>
            ))}
            {item.usage.otherPosts > 0 && <li>{t('media.otherPosts', { count: item.usage.otherPosts })}</li>}
            {item.usage.people.map((p) => (
              <li key={`p${p.id}`}>
                <a href={`/admin/people/${p.id}`}>{t('media.photoOf', { name: p.name })}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p class="hint">{t('media.unused')}</p>
      )}
      <div class="field">
        <label for={`${headingId}-markdown`}>{t('media.markdown')}</label>
        <textarea id={`${headingId}-markdown`} readOnly rows={2} value={item.markdown} class="media-item__markdown" />
      </div>
      <p class="media-item__actions">
        <a href={`/admin/posts/new?featured=${item.id}`}>{t('media.newPost')}</a>
      </p>
      {!item.used && (
        <form method="post" action={`/admin/media/${item.id}/delete`} class="media-item__delete">
          <input type="hidden" name="_csrf" value={csrf} />
          <button type="submit" class="button--secondary" aria-label={t('media.deleteLabel', { name })}>
            {t('media.delete')}
          </button>
        </form>
      )}
    </li>
  );
}

export function MediaLibraryPage({ chrome, model }: { chrome: AdminChrome; model: MediaLibraryModel }) {
  const t = useMediaText();
  const tp = usePostText();
  const uploadError = model.error && model.error !== 'inUse' ? model.error : undefined;
  return (
    <AdminLayout title={t('media.title')} chrome={chrome}>
      <h1>{t('media.title')}</h1>
      {model.notice && (
        <p class="form-notice" role="status">
          {t(model.notice === 'deleted' ? 'media.deleted' : 'media.uploaded')}
        </p>
      )}
      {model.error === 'inUse' && (
        <div class="error-summary" role="alert">
          <p>{t('media.inUse')}</p>
        </div>
      )}
      <section class="upload" aria-labelledby="media-upload-heading">
        <h2 id="media-upload-heading">{t('media.uploadHeading')}</h2>
        <form method="post" action="/admin/media/upload" encType="multipart/form-data" class="admin-form">
          {/* First, always: the token of a multipart form is read from its first part (checkCsrf). */}
          <input type="hidden" name="_csrf" value={chrome.csrf} />
          <div class="field">
            <label for="media-alt">{tp('upload.alt')}</label>
            <input type="text" id="media-alt" name="alt" value={model.alt ?? ''} autocomplete="off" />
          </div>
          <div class="field">
            <label for="media-file">{tp('upload.file')}</label>
            <input
              type="file"
              id="media-file"
              name="file"
              accept="image/jpeg,image/png,image/webp,image/gif"
              aria-invalid={uploadError ? 'true' : undefined}
              aria-describedby={uploadError ? 'media-file-error media-file-hint' : 'media-file-hint'}
            />
            <span class="hint" id="media-file-hint">
              {tp('upload.fileHint')}
            </span>
            {uploadError && (
              <span class="field-error" id="media-file-error" role="alert">
                {tp(UPLOAD_PROBLEM_KEYS[uploadError])}
              </span>
            )}
          </div>
          <p>
            <button type="submit">{tp('upload.submit')}</button>
          </p>
        </form>
      </section>
      <form method="get" action="/admin/media" class="media-search" role="search" autocomplete="off">
        <div class="field">
          <label for="media-q">{t('media.search')}</label>
          <input type="search" id="media-q" name="q" value={model.q} />
        </div>
        <p>
          <button type="submit">{t('media.searchButton')}</button> {model.q && <a href="/admin/media">{t('media.reset')}</a>}
        </p>
      </form>
      <p id="media-count">{model.total === 1 ? t('media.count.one') : t('media.count.many', { count: model.total })}</p>
      {model.items.length === 0 ? (
        <p>{model.q ? t('media.noneFound') : t('media.none')}</p>
      ) : (
        <ul class="media-grid">
          {model.items.map((item) => (
            <Item key={item.id} item={item} csrf={chrome.csrf} refused={model.errorFor === item.id} />
          ))}
        </ul>
      )}
      {model.pages > 1 && (
        <nav class="pagination" aria-label={t('media.pages')}>
          {model.page > 1 && (
            <a href={pageHref(model.q, model.page - 1)} rel="prev">
              ← {t('media.previous')}
            </a>
          )}
          <span>{t('media.page', { page: model.page, pages: model.pages })}</span>
          {model.page < model.pages && (
            <a href={pageHref(model.q, model.page + 1)} rel="next">
              {t('media.next')} →
            </a>
          )}
        </nav>
      )}
    </AdminLayout>
  );
}
