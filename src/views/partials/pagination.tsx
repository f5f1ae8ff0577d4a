import { useView } from '../context.js';

/** Newer/older links; `basePath` gets ?page=N appended (page 1 is the bare path). */
export function Pagination({ page, pages, basePath }: { page: number; pages: number; basePath: string }) {
  const { i18n } = useView();
  if (pages <= 1) return null;
  const href = (n: number) => (n === 1 ? basePath : `${basePath}?page=${n}`);
  return (
    <nav class="pagination" aria-label={i18n.t('pagination.label')}>
      {page > 1 && (
        <a href={href(page - 1)} rel="prev">
          ← {i18n.t('pagination.newer')}
        </a>
      )}
      <span>{i18n.t('pagination.page', { page, pages })}</span>
      {page < pages && (
        <a href={href(page + 1)} rel="next">
          {i18n.t('pagination.older')} →
        </a>
      )}
    </nav>
  );
}
