import type { ComponentChildren } from 'preact';
import type { DiffLine } from '../../../../posts/line-diff.js';
import { hasChanges } from '../../../../posts/line-diff.js';
import type { RevisionListRow } from '../../../../posts/post-revision.service.js';
import { useView } from '../../../context.js';
import { TableScroll } from '../../../partials/table-scroll.js';
import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';
import { useMediaText } from '../media/featured-fields.js';
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

/** One side's featured image: the upload's name and thumbnail (none for an upload deleted since). */
export interface FeaturedSide {
  name: string;
  thumbnailUrl?: string;
  width?: number;
  height?: number;
}

export type FeaturedComparison =
  | { recorded: false }
  | {
      recorded: true;
      /** null: no featured image on that side. */
      older: FeaturedSide | null;
      newer: FeaturedSide | null;
      /** A different image (or one added or removed). */
      changed: boolean;
      fields: { field: 'alt' | 'caption' | 'credit'; lines: DiffLine[] }[];
    };

export interface RevisionDiffModel {
  post: { id: string; title: string };
  revision: { id: string; createdAt: Date };
  diffs: { field: 'title' | 'lead' | 'body'; lines: DiffLine[] }[];
  featured?: FeaturedComparison;
}

function FeaturedSideFigure({ side, label }: { side: FeaturedSide | null; label: string }) {
  const tm = useMediaText();
  return (
    <figure class="revision-featured__side">
      {side?.thumbnailUrl && <img src={side.thumbnailUrl} alt="" width={side.width} height={side.height} class="featured-field__img" />}
      <figcaption>
        {label} {side ? side.name : tm('featured.none')}
      </figcaption>
    </figure>
  );
}

/** The featured image in a comparison: both sides' images, then their alt text, caption and credit line by line. */
function FeaturedDiff({ model }: { model: FeaturedComparison }) {
  const t = usePostText();
  const tm = useMediaText();
  return (
    <section aria-labelledby="diff-featured">
      <h2 id="diff-featured">{tm('featured.heading')}</h2>
      {!model.recorded ? (
        <p>{t('diff.featured.unrecorded')}</p>
      ) : (
        <>
          {model.changed ? (
            <div class="revision-featured">
              <del>
                <FeaturedSideFigure side={model.older} label={t('diff.featured.older')} />
              </del>
              <ins>
                <FeaturedSideFigure side={model.newer} label={t('diff.featured.newer')} />
              </ins>
            </div>
          ) : (
            <FeaturedSideFigure side={model.newer} label={t('diff.featured.same')} />
          )}
          {model.fields.map((f) => (
            <section key={f.field} aria-labelledby={`diff-featured-${f.field}`}>
              <h3 id={`diff-featured-${f.field}`}>{tm(`featured.${f.field}`)}</h3>
              <Diff lines={f.lines} />
            </section>
          ))}
        </>
      )}
    </section>
  );
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
      {model.featured && <FeaturedDiff model={model.featured} />}
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
