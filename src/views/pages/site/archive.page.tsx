import type { ArchiveMonth } from '../../../posts/post.service.js';
import { useView } from '../../context.js';
import { PageLayout } from '../../layouts/page-layout.js';

export function ArchivePage({ months }: { months: ArchiveMonth[] }) {
  const { i18n } = useView();
  return (
    <PageLayout meta={{ title: i18n.t('archive.heading') }}>
      <h1>{i18n.t('archive.heading')}</h1>
      {months.length === 0 ? (
        <p>{i18n.t('archive.empty')}</p>
      ) : (
        <ul class="archive">
          {months.map(({ year, month, count }) => (
            <li key={`${year}-${month}`}>
              <a href={`/archive/${year}/${String(month).padStart(2, '0')}`}>{i18n.month(year, month)}</a>{' '}
              <span class="count">({i18n.count('archive.postCount', count)})</span>
            </li>
          ))}
        </ul>
      )}
    </PageLayout>
  );
}
