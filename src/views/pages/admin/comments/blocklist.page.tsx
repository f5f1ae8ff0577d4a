import { commentsMessages } from '../../../../admin/comments/comments.messages.js';
import { sectionText } from '../../../../admin/admin-i18n.js';
import { BLOCK_KINDS, type BlockKind, type BlocklistEntry } from '../../../../comments/blocklist.service.js';
import { useView } from '../../../context.js';
import { TableScroll } from '../../../partials/table-scroll.js';
import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';
import { Hidden } from './moderation.page.js';

export interface BlocklistView {
  entries: BlocklistEntry[];
  /** blog: the blog whose own list this is; '' for the site-wide list. */
  values: { kind: BlockKind; value: string; blog: string };
  errors: Record<string, string>;
  done?: 'added' | 'removed';
  /** The lists the actor keeps: '' the site-wide one, else a blog's; the page switches between them. */
  lists: { blog: string; title: string }[];
}

/** The blocklist, one table per kind, with a form to add and a button per entry to remove. */
export function BlocklistPage({ chrome, view }: { chrome: AdminChrome; view: BlocklistView }) {
  const { i18n } = useView();
  const t = sectionText(commentsMessages, i18n.lang);
  const { errors, values } = view;
  const errorKey = errors.value ? `error.value.${errors.value}` : errors.kind ? `error.kind.${errors.kind}` : undefined;
  const errorText =
    errorKey && (commentsMessages.da as Record<string, string>)[errorKey] !== undefined ? t(errorKey as Parameters<typeof t>[0]) : errorKey;
  return (
    <AdminLayout title={t('blocklist.title')} chrome={{ ...chrome, section: 'comments' }}>
      <p>
        <a href="/admin/comments">← {t('title')}</a>
      </p>
      <h1>
        {t('blocklist.title')}
        {values.blog && <>: {view.lists.find((list) => list.blog === values.blog)?.title}</>}
      </h1>
      {view.lists.length > 1 && (
        <nav class="tabs" aria-label={t('blocklist.lists')}>
          <ul>
            {view.lists.map((list) => (
              <li key={list.blog}>
                <a
                  href={`/admin/comments/blocklist${list.blog ? `?blog=${encodeURIComponent(list.blog)}` : ''}`}
                  aria-current={list.blog === values.blog ? 'page' : undefined}
                >
                  {list.blog ? list.title : t('blocklist.site')}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <p>{t('blocklist.intro')}</p>
      {view.done && (
        <p class="notice" role="status">
          {t(`blocklist.${view.done}`)}
        </p>
      )}
      <section aria-labelledby="blocklist-add">
        <h2 id="blocklist-add">{t('blocklist.addHeading')}</h2>
        <form method="post" action="/admin/comments/blocklist" class="block-form field-row">
          <Hidden csrf={chrome.csrf} />
          {values.blog && <input type="hidden" name="blog" value={values.blog} />}
          <div class="field">
            <label for="block-kind">{t('blocklist.kind')}</label>
            <select id="block-kind" name="kind">
              {BLOCK_KINDS.map((kind) => (
                <option key={kind} value={kind} selected={kind === values.kind}>
                  {t(`kindOne.${kind}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="block-value">{t('blocklist.value')}</label>
            <input
              id="block-value"
              name="value"
              type="text"
              required
              maxLength={200}
              value={values.value}
              aria-invalid={errorText ? 'true' : undefined}
              aria-describedby={`block-value-hint${errorText ? ' block-value-error' : ''}`}
            />
            <span class="hint" id="block-value-hint">
              {t('blocklist.valueHint')}
            </span>
            {errorText && (
              <span class="field-error" id="block-value-error" role="alert">
                {errorText}
              </span>
            )}
          </div>
          <p class="field-row__actions">
            <button type="submit">{t('blocklist.add')}</button>
          </p>
        </form>
      </section>
      {BLOCK_KINDS.map((kind) => {
        const entries = view.entries.filter((e) => e.kind === kind);
        return (
          <section key={kind} aria-labelledby={`blocklist-${kind}`}>
            <h2 id={`blocklist-${kind}`}>
              {t(`kind.${kind}`)} ({entries.length})
            </h2>
            {entries.length === 0 ? (
              <p>{t('blocklist.empty')}</p>
            ) : (
              <TableScroll labelledBy={`blocklist-${kind}`}>
                <table class="admin-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('blocklist.value')}</th>
                      <th scope="col">{t('blocklist.since')}</th>
                      <th scope="col">
                        <span class="visually-hidden">{t('blocklist.remove')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {entries.map((entry) => (
                      <tr key={entry.value}>
                        <td>
                          <code>{kind === 'ip' ? `${entry.value.slice(0, 10)}…` : entry.value}</code>
                        </td>
                        <td>
                          <time datetime={entry.createdAt.toISOString()}>{i18n.dateTime(entry.createdAt)}</time>
                        </td>
                        <td>
                          <form method="post" action="/admin/comments/blocklist/delete" class="inline-form">
                            <Hidden csrf={chrome.csrf} />
                            <input type="hidden" name="kind" value={kind} />
                            {values.blog && <input type="hidden" name="blog" value={values.blog} />}
                            <input type="hidden" name="value" value={entry.value} />
                            <button
                              type="submit"
                              class="button--secondary"
                              aria-label={t('blocklist.removeLabel', { value: kind === 'ip' ? entry.value.slice(0, 10) : entry.value })}
                            >
                              {t('blocklist.remove')}
                            </button>
                          </form>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </section>
        );
      })}
    </AdminLayout>
  );
}
