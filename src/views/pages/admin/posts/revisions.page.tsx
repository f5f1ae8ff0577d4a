import type { ComponentChildren } from 'preact';
import type { DiffLine } from '../../../../posts/line-diff.js';
import { hasChanges } from '../../../../posts/line-diff.js';
import type { RevisionListRow } from '../../../../posts/post-revision.service.js';
import { useView } from '../../../context.js';
import { TableScroll } from '../../../partials/table-scroll.js';
import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';
import { usePostText } from './post-fields.js';

export function RevisionsPage({
  chrome,
  post,
  revisions,
}: {
  chrome: AdminChrome;
  post: { id: string; title: string };
  revisions: RevisionListRow[];
}) {
  const t = usePostText();
  const { i18n } = useView();
  const title = t('revisions.title', { title: post.title });
  return (
    <AdminLayout title={title} chrome={chrome}>
      <h1>{title}</h1>
      <p>
        <a href={`/admin/posts/${post.id}/edit`}>{t('revisions.back')}</a>
      </p>
      {revisions.length === 0 ? (
        <p>{t('revisions.none')}</p>
      ) : (
        <TableScroll label={title}>
          <table class="admin-table">
            <caption class="visually-hidden">{t('revisions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('revisions.col.time')}</th>
                <th scope="col">{t('revisions.col.kind')}</th>
                <th scope="col">{t('revisions.col.by')}</th>
                <th scope="col">{t('revisions.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <time datetime={r.createdAt.toISOString()}>{i18n.dateTime(r.createdAt)}</time>
                  </th>
                  <td>{t(`revisions.kind.${r.kind}`)}</td>
                  <td>{r.authorName ?? t('revisions.unknown')}</td>
                  <td>
                    <a href={`/admin/posts/${post.id}/revisions/${r.id}`}>
                      {t('revisions.compare')}
                      <span class="visually-hidden"> ({i18n.dateTime(r.createdAt)})</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </AdminLayout>
  );
}

export interface RevisionDiffModel {
  post: { id: string; title: string };
  revision: { id: string; createdAt: Date };
  diffs: { field: 'title' | 'lead' | 'body'; lines: DiffLine[] }[];
}

function Diff({ lines }: { lines: DiffLine[] }) {
  const t = usePostText();
  if (!hasChanges(lines)) return <p>{t('diff.same')}</p>;
  return (
    <div class="diff">
      {lines.map((line, i) => {
        const text = line.text || '\u00a0';
        if (line.kind === 'removed')
          return (
            <div key={i} class="diff__line">
              <del>
                <span class="visually-hidden">{t('diff.removed')} </span>
                {text}
              </del>
            </div>
          );
        if (line.kind === 'added')
          return (
            <div key={i} class="diff__line">
              <ins>
                <span class="visually-hidden">{t('diff.added')} </span>
                {text}
              </ins>
            </div>
          );
        return (
          <div key={i} class="diff__line">
            {text}
          </div>
        );
      })}
    </div>
  );
}

export function RevisionDiffPage({
  chrome,
  model,
  sides,
}: {
  chrome: AdminChrome;
  model: RevisionDiffModel;
  /** Which side of the comparison is which: "Older: …" and "Newer: …". */
  sides?: ComponentChildren;
}) {
  const t = usePostText();
  const { i18n } = useView();
  const { post, revision } = model;
  const title = t('diff.title', { time: i18n.dateTime(revision.createdAt) });
  return (
    <AdminLayout title={title} chrome={chrome}>
      <h1>{title}</h1>
      <p>
        <a href={`/admin/posts/${post.id}/revisions`}>{t('diff.back')}</a>
      </p>
      {sides}
      <p class="hint">{t('diff.legend')}</p>
      {model.diffs.map((d) => (
        <section key={d.field} aria-labelledby={`diff-${d.field}`}>
          <h2 id={`diff-${d.field}`}>{t(`diff.field.${d.field}`)}</h2>
          <Diff lines={d.lines} />
        </section>
      ))}
      <form method="post" action={`/admin/posts/${post.id}/revisions/${revision.id}/restore`} class="admin-form">
        <input type="hidden" name="_csrf" value={chrome.csrf} />
        <p class="hint" id="restore-hint">
          {t('diff.restoreHint')}
        </p>
        <p>
          <button type="submit" aria-describedby="restore-hint">
            {t('diff.restore')}
          </button>
        </p>
      </form>
    </AdminLayout>
  );
}
