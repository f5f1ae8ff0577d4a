import type { AuditEntry, AuditFilterInput } from '../../../../accounts/audit.js';
import { auditFilterSearch } from '../../../../accounts/audit.js';
import { sectionText } from '../../../../admin/admin-i18n.js';
import { auditSubjectWord, auditWord } from '../../../../admin/audit-words.js';
import { auditMessages } from '../../../../admin/settings/audit.messages.js';
import { useView } from '../../../context.js';
import { TableScroll } from '../../../partials/table-scroll.js';
import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';
import { ErrorSummary, PageLinks, SelectField, TextField } from '../form-fields.js';

/** Where an entry's subject can be seen in the admin, for the kinds this section knows. */
const subjectHref = (entry: AuditEntry): string | undefined => {
  if (!entry.subjectId) return undefined;
  if (entry.subjectType === 'person') return `/admin/people/${entry.subjectId}`;
  if (entry.subjectType === 'blog') return `/admin/blogs/${entry.subjectId}`;
  return undefined;
};

export function AuditPage({
  chrome,
  filter,
  errors,
  choices,
  entries,
  page,
  pages,
  total,
}: {
  chrome: AdminChrome;
  filter: AuditFilterInput;
  errors: Record<string, string>;
  choices: { actions: string[]; types: string[] };
  entries: AuditEntry[];
  page: number;
  pages: number;
  total: number;
}) {
  const { i18n } = useView();
  const t = sectionText(auditMessages, i18n.lang);
  const errorText = (name: 'from' | 'to') =>
    errors[name] ? t(errors[name] === 'before_from' ? 'error.before_from' : 'error.not_a_date') : undefined;
  const summary = (['from', 'to'] as const).filter((f) => errors[f]).map((f) => ({ id: `audit-${f}`, text: errorText(f)! }));
  const withAny = (list: string[], current: string, word: (code: string) => string = (v) => v) => [
    { value: '', label: t('audit.any') },
    ...[...new Set([...list, ...(current ? [current] : [])])].map((v) => ({ value: v, label: word(v) })),
  ];
  const actionWord = (code: string) => auditWord(code, i18n.lang);
  const subjectWord = (type: string) => auditSubjectWord(type, i18n.lang);
  return (
    <AdminLayout title={t('audit.title')} chrome={chrome}>
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      <form method="get" action="/admin/audit" class="filters" aria-label={t('audit.filters')}>
        <ErrorSummary title={t('error.summary')} errors={summary} />
        <SelectField
          id="audit-action"
          name="action"
          label={t('audit.action')}
          value={filter.action}
          options={withAny(choices.actions, filter.action, actionWord)}
        />
        <SelectField
          id="audit-type"
          name="type"
          label={t('audit.type')}
          value={filter.type}
          options={withAny(choices.types, filter.type, subjectWord)}
        />
        <TextField id="audit-actor" name="actor" label={t('audit.actor')} value={filter.actor} />
        <TextField id="audit-from" name="from" type="date" label={t('audit.from')} value={filter.from} error={errorText('from')} />
        <TextField id="audit-to" name="to" type="date" label={t('audit.to')} value={filter.to} error={errorText('to')} />
        <p class="filters__actions">
          <button type="submit">{t('audit.filter')}</button> <a href="/admin/audit">{t('audit.clear')}</a>
        </p>
      </form>
      <p>
        {total === 1 ? t('audit.count.one') : t('audit.count.many', { total })}
        {Object.keys(errors).length === 0 && (
          <>
            {' '}
            ·{' '}
            <a href={`/admin/audit.csv${auditFilterSearch(filter)}`} download>
              {t('audit.export')}
            </a>
          </>
        )}
      </p>
      {entries.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <TableScroll label={t('audit.title')}>
          <table class="admin-table audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.col.at')}</th>
                <th scope="col">{t('audit.col.actor')}</th>
                <th scope="col">{t('audit.col.action')}</th>
                <th scope="col">{t('audit.col.subject')}</th>
                <th scope="col">{t('audit.col.summary')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => {
                const href = subjectHref(e);
                return (
                  <tr key={e.id}>
                    <td>
                      <time datetime={e.at.toISOString()}>{i18n.dateTime(e.at)}</time>
                    </td>
                    <td>{e.accountId ? e.actorName : t('audit.system')}</td>
                    <td data-action={e.action}>{actionWord(e.action)}</td>
                    <td data-subject={e.subjectType}>
                      {href ? <a href={href}>{subjectWord(e.subjectType)}</a> : subjectWord(e.subjectType)}
                    </td>
                    <td class="audit-summary">{e.summary}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      <PageLinks
        page={page}
        pages={pages}
        href={(n) => `/admin/audit${auditFilterSearch(filter, n > 1 ? { page: String(n) } : {})}`}
        labels={{
          nav: t('pagination.label'),
          prev: t('pagination.prev'),
          next: t('pagination.next'),
          page: t('pagination.page', { page, pages }),
        }}
      />
    </AdminLayout>
  );
}
