import { useView } from '../context.js';

export type PreviewBannerModel =
  | { kind: 'staff'; status: 'draft' | 'scheduled'; publishAt: Date | null; editUrl: string }
  | { kind: 'link'; status: 'draft' | 'scheduled'; publishAt: Date | null; expiresAt: Date };

/** Says plainly that the post on this page is not out yet: to staff at its address, and to a guest with a preview link. */
export function PreviewBanner({ model }: { model: PreviewBannerModel }) {
  const { i18n } = useView();
  const when =
    model.status === 'scheduled' && model.publishAt
      ? i18n.t('preview.scheduled', { date: i18n.dateTime(model.publishAt) })
      : i18n.t('preview.draft');
  return (
    <section class="preview-banner" role="status" aria-labelledby="preview-banner-heading">
      <h2 id="preview-banner-heading" class="preview-banner__title">
        {i18n.t('preview.notPublished')}
      </h2>
      <p>{when}</p>
      {model.kind === 'staff' ? (
        <p>
          <a href={model.editUrl}>{i18n.t('preview.edit')}</a>
        </p>
      ) : (
        <p>{i18n.t('preview.link', { date: i18n.dateTime(model.expiresAt) })}</p>
      )}
    </section>
  );
}
