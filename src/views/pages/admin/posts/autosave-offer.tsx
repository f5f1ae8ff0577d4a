import { useView } from '../../../context.js';
import { useReviewText } from './review-text.js';

export interface AutosaveOfferModel {
  postId: string;
  revisionId: string;
  createdAt: Date;
}

/** Offers back an autosave newer than the saved post: compare, restore or discard, each working without a script. */
export function AutosaveOffer({ model, csrf }: { model: AutosaveOfferModel; csrf: string }) {
  const t = useReviewText();
  const { i18n } = useView();
  const base = `/admin/posts/${model.postId}/revisions/${model.revisionId}`;
  return (
    <section class="form-notice autosave-offer" role="status" aria-labelledby="autosave-offer-text">
      <p id="autosave-offer-text">{t('autosave.offer', { date: i18n.dateTime(model.createdAt) })}</p>
      <div class="autosave-offer__actions">
        <form method="post" action={`${base}/restore`}>
          <input type="hidden" name="_csrf" value={csrf} />
          <button type="submit">{t('autosave.restore')}</button>
        </form>
        <form method="post" action={`${base}/discard`}>
          <input type="hidden" name="_csrf" value={csrf} />
          <button type="submit" class="button--secondary">
            {t('autosave.discard')}
          </button>
        </form>
        <a href={base}>{t('autosave.compare')}</a>
      </div>
    </section>
  );
}
