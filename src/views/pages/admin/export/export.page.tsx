import { sectionText } from '../../../../admin/admin-i18n.js';
import { exportMessages } from '../../../../admin/export/export.messages.js';
import { useView } from '../../../context.js';
import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';

/** Two ways to download the site: each button posts the form, and the answer is the file. */
export function ExportPage({ chrome }: { chrome: AdminChrome }) {
  const { i18n } = useView();
  const t = sectionText(exportMessages, i18n.lang);
  return (
    <AdminLayout title={t('export.title')} chrome={chrome}>
      <h1>{t('export.title')}</h1>
      <p>{t('export.intro')}</p>
      <form method="post" action="/admin/export" class="admin-form">
        <input type="hidden" name="_csrf" value={chrome.csrf} />
        <p>
          <button type="submit" name="format" value="ytring" aria-describedby="export-ytring-hint">
            {t('export.ytring')}
          </button>
        </p>
        <p id="export-ytring-hint" class="hint">
          {t('export.ytringHint')}
        </p>
        <p>
          <button type="submit" name="format" value="wxr" aria-describedby="export-wxr-hint">
            {t('export.wxr')}
          </button>
        </p>
        <p id="export-wxr-hint" class="hint">
          {t('export.wxrHint')}
        </p>
      </form>
    </AdminLayout>
  );
}
