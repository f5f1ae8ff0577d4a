import { useView } from '../context.js';

/** Said when a form of ours arrives from another site: nothing was done, and what was typed is kept on the page. */
export function CrossSiteNotice() {
  const { i18n } = useView();
  return (
    <p class="field-error" id="cross-site-error" role="alert">
      {i18n.t('form.crossSiteRefused')}
    </p>
  );
}
