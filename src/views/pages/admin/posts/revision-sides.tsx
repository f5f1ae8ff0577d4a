import type { RevisionSidesModel } from '../../../../admin/posts/review.routes.js';
import { useView } from '../../../context.js';
import { useReviewText } from './review-text.js';

/** Says which side of a comparison is which, with its time and who made it. */
export function RevisionSides({ model }: { model: RevisionSidesModel }) {
  const t = useReviewText();
  const { i18n } = useView();
  const who = (side: RevisionSidesModel['older']) => {
    const name = side.author ?? t('revision.unknownAuthor');
    return side.current ? `${name} (${t('revision.current')})` : name;
  };
  return (
    <ul class="revision-sides">
      <li id="side-older">
        <del>{t('revision.older', { date: i18n.dateTime(model.older.at), author: who(model.older) })}</del>
      </li>
      <li id="side-newer">
        <ins>{t('revision.newer', { date: i18n.dateTime(model.newer.at), author: who(model.newer) })}</ins>
      </li>
    </ul>
  );
}
