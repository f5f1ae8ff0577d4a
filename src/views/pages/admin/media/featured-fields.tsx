/** The featured-image fieldset in the post editor's sidebar: pick an upload or upload one, with alt text, caption and credit. */
import type { FeaturedForm } from '../../../../admin/media/featured-form.js';
import type { PostErrors } from '../../../../admin/posts/post-problems.js';
import { mediaMessages } from '../../../../admin/media/media.messages.js';
import { sectionText } from '../../../../admin/admin-i18n.js';
import type { Upload } from '../../../../uploads/upload.service.js';
import { useView } from '../../../context.js';
import { FieldError, TextField, errorText, usePostText } from '../posts/post-fields.js';

export function useMediaText() {
  return sectionText(mediaMessages, useView().i18n.lang);
}

/** The name of a featured-image field in the editor's error summary. */
export function featuredLabel(lang: 'da' | 'en', id: string): string {
  const t = sectionText(mediaMessages, lang);
  const part = id.slice('featured-'.length);
  return part === 'alt' || part === 'caption' || part === 'credit' ? t(`featured.error.${part}`) : t('featured.error.upload');
}

export function FeaturedImageFields({
  values,
  choices,
  errors,
  uploaded,
}: {
  values: FeaturedForm;
  /** The newest uploads, the chosen one among them. */
  choices: Upload[];
  errors: PostErrors;
  /** A file was just uploaded and chosen. */
  uploaded?: boolean;
}) {
  const t = useMediaText();
  const tp = usePostText();
  const chosen = choices.find((c) => c.id === values.uploadId);
  const fileError = errors['featured-file'] ?? errors['featured-upload'];
  return (
    <fieldset class="featured-field" id="featured">
      <legend>{t('featured.heading')}</legend>
      {uploaded && (
        <p class="form-notice" role="status">
          {t('featured.uploaded')}
        </p>
      )}
      {chosen && (
        <p class="featured-field__current">
          <img src={chosen.thumbnailUrl} alt="" width={chosen.width} height={chosen.height} class="featured-field__img" />
          <span class="hint">{t('featured.current')}</span>
        </p>
      )}
      <fieldset class="featured-field__choices" aria-describedby="featured-upload-hint">
        <legend>{t('featured.pick')}</legend>
        <p class="hint" id="featured-upload-hint">
          {t('featured.pickHint')} <a href="/admin/media">{t('featured.library')}</a>
        </p>
        <FieldError id="featured-upload" errors={errors} />
        <div class="featured-field__grid">
          <p class="featured-field__choice">
            <input type="radio" id="featured-upload" name="featured_upload" value="" checked={!values.uploadId} />
            <label for="featured-upload">{t('featured.none')}</label>
          </p>
          {choices.map((upload) => (
            <p key={upload.id} class="featured-field__choice">
              <input
                type="radio"
                id={`featured-upload-${upload.id}`}
                name="featured_upload"
                value={upload.id}
                checked={values.uploadId === upload.id}
              />
              <label for={`featured-upload-${upload.id}`}>
                <img
                  src={upload.thumbnailUrl}
                  alt=""
                  width={upload.width}
                  height={upload.height}
                  loading="lazy"
                  class="featured-field__img"
                />
                <span class="featured-field__name">{upload.alt || upload.fileName}</span>
              </label>
            </p>
          ))}
        </div>
      </fieldset>
      <div class="field">
        <label for="featured-file">{t('featured.file')}</label>
        <input
          type="file"
          id="featured-file"
          name="featured_file"
          accept="image/jpeg,image/png,image/webp,image/gif"
          aria-describedby={fileError ? 'featured-file-error featured-file-hint' : 'featured-file-hint'}
          aria-invalid={errors['featured-file'] ? 'true' : undefined}
        />
        <span class="hint" id="featured-file-hint">
          {t('featured.fileHint')}
        </span>
        {errors['featured-file'] && (
          <span class="field-error" id="featured-file-error">
            {errorText(tp, errors['featured-file'])}
          </span>
        )}
        <button type="submit" name="op" value="featured-upload" class="button--secondary" formNoValidate>
          {t('featured.upload')}
        </button>
      </div>
      <TextField
        id="featured-alt"
        name="featured_alt"
        label={t('featured.alt')}
        value={values.alt}
        errors={errors}
        hint={t('featured.altHint')}
      />
      <TextField id="featured-caption" name="featured_caption" label={t('featured.caption')} value={values.caption} errors={errors} />
      <TextField id="featured-credit" name="featured_credit" label={t('featured.credit')} value={values.credit} errors={errors} />
    </fieldset>
  );
}
