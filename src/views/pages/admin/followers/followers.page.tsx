import { sectionText } from '../../../../admin/admin-i18n.js';
import { followersMessages } from '../../../../admin/followers/followers.messages.js';
import type { FollowerListItem, TopicCount } from '../../../../followers/follower.service.js';
import { PICKER_LIMIT } from '../../../../people/person.js';
import { useView } from '../../../context.js';
import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';
import { TableScroll } from '../../../partials/table-scroll.js';
import { ErrorSummary, NoScriptSearch, Notice, PageLinks, SelectField, TextArea, TextField } from '../form-fields.js';

export interface ImportForm {
  topic: string;
  rows: string;
  /** What the import's target search (without script) was asked for. */
  topicQuery?: string;
  problems: { line: number; problem: 'email' | 'date' | 'source' | 'columns' | 'empty' | 'too_many' | 'too_large' | 'topic' }[];
}

const searchOf = (search: string, page: number) => {
  const params = new URLSearchParams();
  if (search) params.set('q', search);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
};

/** What the list says after a removal or an import (the counts as the address carried them). */
export type FollowersNotice = { done: 'removed' | 'imported'; added: string; skipped: string } | undefined;

export function FollowersPage({
  chrome,
  counts,
  search,
  followers,
  page,
  pages,
  total,
  importTopics,
  moreTopics,
  importForm,
  notice,
}: {
  chrome: AdminChrome;
  counts: TopicCount[];
  search: string;
  followers: FollowerListItem[];
  page: number;
  pages: number;
  total: number;
  importTopics: { kind: 'blog' | 'author' | 'tag'; targetId: string; name: string }[];
  /** The target select was cut at PICKER_LIMIT authors or topics. */
  moreTopics: boolean;
  importForm: ImportForm;
  notice: FollowersNotice;
}) {
  const { i18n } = useView();
  const t = sectionText(followersMessages, i18n.lang);
  const problemText = (p: ImportForm['problems'][number]) =>
    p.problem === 'topic'
      ? t('followers.import.topic_unknown')
      : p.problem === 'empty'
        ? t('followers.import.empty')
        : p.problem === 'too_many' || p.problem === 'too_large'
          ? t(`followers.import.${p.problem}`)
          : t(`followers.problem.${p.problem}`, { line: p.line });
  const topicProblem = importForm.problems.find((p) => p.problem === 'topic');
  const rowProblems = importForm.problems.filter((p) => p.problem !== 'topic');
  const names = new Map(counts.map((c) => [`${c.kind}:${c.targetId}`, c.name]));
  const topicLabel = (kind: TopicCount['kind'], targetId: string) =>
    kind === 'site'
      ? t('followers.kind.site')
      : `${t(`followers.kind.${kind}`)}: ${names.get(`${kind}:${targetId}`) ?? t('followers.unknown')}`;
  return (
    <AdminLayout title={t('followers.title')} chrome={chrome}>
      <h1>{t('followers.title')}</h1>
      <p>{t('followers.intro')}</p>
      <Notice
        text={
          notice &&
          (notice.done === 'removed' ? t('followers.removed') : t('followers.imported', { added: notice.added, skipped: notice.skipped }))
        }
      />
      <h2>{t('followers.counts')}</h2>
      {counts.length === 0 ? (
        <p>{t('followers.counts.none')}</p>
      ) : (
        <TableScroll label={t('followers.counts')}>
          <table class="admin-table followers-counts">
            <thead>
              <tr>
                <th scope="col">{t('followers.col.kind')}</th>
                <th scope="col">{t('followers.col.what')}</th>
                <th scope="col">{t('followers.col.confirmed')}</th>
                <th scope="col">{t('followers.col.pending')}</th>
              </tr>
            </thead>
            <tbody>
              {counts.map((c) => (
                <tr key={`${c.kind}:${c.targetId}`}>
                  <td>{t(`followers.kind.${c.kind}`)}</td>
                  <td>{c.kind === 'site' ? '' : (c.name ?? t('followers.unknown'))}</td>
                  <td>{c.confirmed}</td>
                  <td>{c.pending}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h2>{t('followers.list')}</h2>
      <form method="get" action="/admin/followers" class="filters" role="search" autocomplete="off" aria-label={t('followers.search')}>
        <TextField id="followers-q" name="q" type="text" label={t('followers.search')} value={search} />
        <p class="filters__actions">
          <button type="submit">{t('followers.search.submit')}</button> <a href="/admin/followers">{t('followers.search.clear')}</a>
        </p>
      </form>
      <p>
        {total === 1 ? t('followers.count.one') : t('followers.count.many', { total })} ·{' '}
        <a href="/admin/followers.csv" download>
          {t('followers.export')}
        </a>
      </p>
      {followers.length === 0 ? (
        <p>{t('followers.none')}</p>
      ) : (
        <TableScroll label={t('followers.list')}>
          <table class="admin-table followers-table">
            <thead>
              <tr>
                <th scope="col">{t('followers.col.email')}</th>
                <th scope="col">{t('followers.col.status')}</th>
                <th scope="col">{t('followers.col.topics')}</th>
                <th scope="col">{t('followers.col.since')}</th>
                <th scope="col">{t('followers.col.consent')}</th>
                <th scope="col">{t('followers.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {followers.map((f) => (
                <tr key={f.id}>
                  <td class="follower-email">{f.email}</td>
                  <td>{t(`followers.status.${f.status as 'pending' | 'confirmed' | 'stopped' | 'bounced'}`) ?? f.status}</td>
                  <td>
                    {f.topics.length > 0 && (
                      <ul class="plain-list">
                        {f.topics.map((topic) => (
                          <li key={`${topic.kind}:${topic.targetId}`}>{topicLabel(topic.kind, topic.targetId)}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    <time datetime={f.createdAt}>{i18n.dateTime(new Date(f.createdAt))}</time>
                  </td>
                  <td>
                    {f.consentSource}
                    {f.consentAt && (
                      <>
                        {' '}
                        (<time datetime={f.consentAt}>{i18n.dateTime(new Date(f.consentAt))}</time>)
                      </>
                    )}
                  </td>
                  <td>
                    <form method="post" action="/admin/followers/remove">
                      <input type="hidden" name="_csrf" value={chrome.csrf} />
                      <input type="hidden" name="id" value={f.id} />
                      <button type="submit" aria-label={`${t('followers.remove')} ${f.email}`}>
                        {t('followers.remove')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <PageLinks
        page={page}
        pages={pages}
        href={(n) => `/admin/followers${searchOf(search, n)}`}
        labels={{
          nav: t('pagination.label'),
          prev: t('pagination.prev'),
          next: t('pagination.next'),
          page: t('pagination.page', { page, pages }),
        }}
      />
      <h2 id="import">{t('followers.import')}</h2>
      <p>{t('followers.import.intro')}</p>
      <form method="post" action="/admin/followers/import" encType="multipart/form-data">
        {/* First, always: the token of a multipart form is read from its first part (checkCsrf). */}
        <input type="hidden" name="_csrf" value={chrome.csrf} />
        <ErrorSummary
          title={`${t('error.summary')} ${importForm.problems.some((p) => p.line > 0) ? t('followers.import.problems') : ''}`.trim()}
          errors={importForm.problems.map((p) => ({
            id: p.problem === 'topic' ? 'followers-topic' : 'followers-rows',
            text: problemText(p),
          }))}
        />
        <TopicSearch query={importForm.topicQuery ?? ''} found={importTopics.length > 0} more={moreTopics} />
        <SelectField
          id="followers-topic"
          name="topic"
          label={t('followers.import.topic')}
          value={importForm.topic}
          error={topicProblem ? problemText(topicProblem) : undefined}
          picker={t('followers.import.topic_hint')}
          pickerSource={{
            url: '/admin/followers/topics.json',
            listLabel: t('followers.import.topic_list'),
            nouns: t('followers.import.topic_nouns'),
          }}
          options={[
            { value: 'site', label: t('followers.import.site') },
            ...importTopics.map((o) => ({ value: `${o.kind}:${o.targetId}`, label: `${t(`followers.kind.${o.kind}`)}: ${o.name}` })),
          ]}
        />
        <TextArea
          id="followers-rows"
          name="rows"
          label={t('followers.import.rows')}
          value={importForm.rows}
          rows={8}
          error={rowProblems.length > 0 ? problemText(rowProblems[0]!) : undefined}
        />
        <div class="field">
          <label for="followers-file">{t('followers.import.file')}</label>
          <input
            type="file"
            id="followers-file"
            name="file"
            accept=".csv,.txt,text/csv,text/plain"
            aria-describedby="followers-file-hint"
          />
          <span class="hint" id="followers-file-hint">
            {t('followers.import.file_hint')}
          </span>
        </div>
        <p>
          <button type="submit">{t('followers.import.submit')}</button>
        </p>
      </form>
    </AdminLayout>
  );
}

/**
 * Without script the target select lists the blogs and a capped set of authors and topics; this
 * box sends the import form back with the matches offered and the lines kept. With script the
 * select becomes a searching combobox (admin.js), so the box is not there (`noscript`).
 */
function TopicSearch({ query, found, more }: { query: string; found: boolean; more: boolean }) {
  const { i18n } = useView();
  const t = sectionText(followersMessages, i18n.lang);
  const typed = query.trim();
  return (
    <NoScriptSearch
      id="followers-topic-search"
      name="topic_q"
      op="find-topics"
      label={t('followers.import.topic_search')}
      hint={t('followers.import.topic_search_hint', { limit: PICKER_LIMIT })}
      button={t('followers.import.topic_search_button')}
      status={`${typed ? `${t(found ? 'followers.import.topic_found' : 'followers.import.topic_none', { query: typed })} ` : ''}${more ? t('followers.import.topic_capped') : ''}`}
      query={query}
    />
  );
}

export function RemoveFollowerPage({ chrome, id, email }: { chrome: AdminChrome; id: string; email: string }) {
  const { i18n } = useView();
  const t = sectionText(followersMessages, i18n.lang);
  return (
    <AdminLayout title={t('followers.remove.title')} chrome={chrome}>
      <h1>{t('followers.remove.title')}</h1>
      <form method="post" action="/admin/followers/remove">
        <p>{t('followers.remove.question', { email })}</p>
        <input type="hidden" name="_csrf" value={chrome.csrf} />
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="confirm" value="1" />
        <p>
          <button type="submit">{t('followers.remove.confirm')}</button> <a href="/admin/followers">{t('followers.remove.cancel')}</a>
        </p>
      </form>
    </AdminLayout>
  );
}
