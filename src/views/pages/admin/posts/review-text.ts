import { sectionText, type SectionText } from '../../../../admin/admin-i18n.js';
import { reviewMessages } from '../../../../admin/posts/review.messages.js';
import { useView } from '../../../context.js';

export function useReviewText(): SectionText<typeof reviewMessages.da> {
  return sectionText(reviewMessages, useView().i18n.lang);
}
