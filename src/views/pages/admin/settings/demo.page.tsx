/** The confirmation before the demo content goes: what will be removed, and what stays. */
import { sectionText } from '../../../../admin/admin-i18n.js';
import { demoMessages } from '../../../../admin/settings/demo.messages.js';
import type { DemoCounts } from '../../../../demo/demo-admin.service.js';
import { useView } from '../../../context.js';
import type { AdminChrome } from '../../../layouts/admin-layout.js';
import { AdminLayout } from '../../../layouts/admin-layout.js';

export function DemoRemovalPage({ chrome, counts, removed }: { chrome: AdminChrome; counts: DemoCounts; removed: boolean }) {
  const { i18n } = useView();
  const t = sectionText(demoMessages, i18n.lang);
  const any = counts.posts + counts.comments + counts.blogs + counts.people > 0;
  return (
    <AdminLayout title={t('demo.title')} chrome={chrome}>
      <p>
        <a href="/admin/settings">← {t('demo.back')}</a>
      </p>
      <h1>{t('demo.title')}</h1>
      {removed && (
        <p class="form-notice" role="status">
          {t('demo.removed')}
        </p>
      )}
      <p>{t('demo.intro')}</p>
      {any ? (
        <form method="post" action="/admin/settings/demo">
          <input type="hidden" name="_csrf" value={chrome.csrf} />
          <p id="demo-counts">{t('demo.counts', { ...counts })}</p>
          <p>
            <button type="submit" class="button--danger">
              {t('demo.confirm')}
            </button>
          </p>
        </form>
      ) : (
        <p id="demo-counts">{t('demo.none')}</p>
      )}
    </AdminLayout>
  );
}
