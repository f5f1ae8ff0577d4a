/** Choosing a person's photo: upload a new one or pick one from the media library. */
import type { LibraryItem } from '../../../../uploads/media.service.js';
import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';
import { UPLOAD_PROBLEM_KEYS, type UploadProblem } from '../../../../admin/media/upload-problems.js';
import { usePostText } from '../posts/post-fields.js';
import { useMediaText } from './featured-fields.js';

export interface PhotoPickerModel {
  person: { id: string; name: string; avatarPath: string | null };
  items: LibraryItem[];
  page: number;
  pages: number;
  error?: UploadProblem;
}

export function PhotoPickerPage({ chrome, model }: { chrome: AdminChrome; model: PhotoPickerModel }) {
  const t = useMediaText();
  const tp = usePostText();
  const { person } = model;
  const title = t('photo.title', { name: person.name });
  const base = `/admin/media/photo/${person.id}`;
  return (
    <AdminLayout title={title} chrome={chrome}>
      <p>
        <a href={`/admin/people/${person.id}`}>← {t('photo.back')}</a>
      </p>
      <h1>{title}</h1>
      {person.avatarPath && (
        <section aria-labelledby="photo-current">
          <h2 id="photo-current">{t('photo.current')}</h2>
          <p>
            <img src={person.avatarPath} alt="" width={96} height={96} class="photo-field__img" />
          </p>
          <form method="post" action={base}>
            <input type="hidden" name="_csrf" value={chrome.csrf} />
            <button type="submit" name="remove" value="1" class="button--secondary">
              {t('photo.remove')}
            </button>
          </form>
        </section>
      )}
      <section class="upload" aria-labelledby="photo-upload-heading">
        <h2 id="photo-upload-heading">{t('photo.upload')}</h2>
        <form method="post" action={`${base}/upload`} encType="multipart/form-data">
          {/* First, always: the token of a multipart form is read from its first part (checkCsrf). */}
          <input type="hidden" name="_csrf" value={chrome.csrf} />
          <div class="field">
            <label for="photo-file">{tp('upload.file')}</label>
            <input
              type="file"
              id="photo-file"
              name="file"
              accept="image/jpeg,image/png,image/webp,image/gif"
              aria-invalid={model.error ? 'true' : undefined}
              aria-describedby={model.error ? 'photo-file-error photo-file-hint' : 'photo-file-hint'}
            />
            <span class="hint" id="photo-file-hint">
              {tp('upload.fileHint')}
            </span>
            {model.error && (
              <span class="field-error" id="photo-file-error" role="alert">
                {tp(UPLOAD_PROBLEM_KEYS[model.error])}
              </span>
            )}
          </div>
          <p>
            <button type="submit">{tp('upload.submit')}</button>
          </p>
        </form>
      </section>
      <section aria-labelledby="photo-pick-heading">
        <h2 id="photo-pick-heading">{t('photo.pick')}</h2>
        <ul class="media-grid">
          {model.items.map((item) => (
            <li key={item.id} class="media-item">
              <img src={item.thumbnailUrl} alt={item.alt} width={item.width} height={item.height} loading="lazy" class="media-item__img" />
              <form method="post" action={base}>
                <input type="hidden" name="_csrf" value={chrome.csrf} />
                <button
                  type="submit"
                  name="upload"
                  value={item.id}
                  class="button--secondary"
                  aria-label={t('photo.useLabel', { name: item.alt || item.fileName })}
                >
                  {t('photo.use')}
                </button>
              </form>
            </li>
          ))}
        </ul>
        {model.pages > 1 && (
          <nav class="pagination" aria-label={t('media.pages')}>
            {model.page > 1 && (
              <a href={model.page === 2 ? base : `${base}?page=${model.page - 1}`} rel="prev">
                ← {t('media.previous')}
              </a>
            )}
            <span>{t('media.page', { page: model.page, pages: model.pages })}</span>
            {model.page < model.pages && (
              <a href={`${base}?page=${model.page + 1}`} rel="next">
                {t('media.next')} →
              </a>
            )}
          </nav>
        )}
      </section>
    </AdminLayout>
  );
}
