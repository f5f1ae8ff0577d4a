/**
 * A person's photo in the person form (issue 13): shown, kept in a hidden field, and changed on a
 * page of its own where an image is uploaded or picked from the media library. Nobody types a path.
 */
import { useMediaText } from './featured-fields.js';

export function PhotoField({
  id,
  personId,
  value,
  label,
  error,
}: {
  id: string;
  /** Undefined for a person not created yet: the photo is added after. */
  personId: string | undefined;
  value: string;
  label: string;
  error: string | undefined;
}) {
  const t = useMediaText();
  return (
    <div class="field photo-field" id={id} tabIndex={-1}>
      <span class="label">{label}</span>
      <input type="hidden" name="avatarPath" value={value} />
      {value ? (
        <p>
          <img src={value} alt="" width={96} height={96} class="photo-field__img" />
        </p>
      ) : (
        <p class="hint">{t('photo.none')}</p>
      )}
      {error && (
        <span class="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
      {personId ? (
        <p>
          <a href={`/admin/media/photo/${personId}`}>{value ? t('photo.change') : t('photo.add')}</a>
        </p>
      ) : (
        <p class="hint">{t('photo.afterCreate')}</p>
      )}
    </div>
  );
}
