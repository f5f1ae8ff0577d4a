import { moderationMailMessages } from '../../../../admin/comments/moderation-mail.messages.js';
import { commentsMessages } from '../../../../admin/comments/comments.messages.js';
import { describeReason } from '../../../../admin/comments/reasons.js';
import { sectionText } from '../../../../admin/admin-i18n.js';
import type { ModerationComment, ModerationPage as Queue, QueueFilters } from '../../../../comments/moderation.service.js';
import {
  DEFAULT_STATUS,
  REASON_FILTERS,
  STATUS_FILTERS,
  type ReasonFilter,
  type StatusFilter,
} from '../../../../comments/moderation-rules.js';
import type { BlockScope } from '../../../../comments/blocklist.service.js';
import type { UndoOffer } from '../../../../comments/undo.service.js';
import type { MessageKey } from '../../../../i18n/messages.js';
import { useView } from '../../../context.js';
import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';
import { Email } from '../../../partials/email.js';

export type RowAction = 'approve' | 'spam' | 'trash' | 'restore' | 'delete' | 'block-email' | 'block-domain' | 'block-ip';

export interface ModerationView {
  queue: Queue;
  /** The list's own address, so every form comes back to the same filter and page. */
  back: string;
  /** Whether the actor keeps the site-wide blocklist. */
  canBlock: boolean;
  /** Per blog in the queue, where the actor may block a comment from it: site-wide (first, the default) and/or that blog. */
  blockScopes: Record<string, readonly BlockScope[]>;
  done?: { action: string; n: number };
  /** The just-taken action's undo, while it can still be used. */
  undo?: UndoOffer;
}

const text = () => sectionText(commentsMessages, useView().i18n.lang);

/** Query string for the list with these filters; page 1 and the opening tab are left out. */
export function listUrl(status: StatusFilter, filters: QueueFilters, page = 1): string {
  const params = new URLSearchParams();
  if (filters.search) params.set('q', filters.search);
  if (status !== DEFAULT_STATUS) params.set('status', status);
  if (filters.blogId) params.set('blog', filters.blogId);
  if (filters.postId) params.set('post', filters.postId);
  if (filters.reason) params.set('reason', filters.reason);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/admin/comments${query ? `?${query}` : ''}`;
}

const ACTIONS_BY_STATUS: Record<ModerationComment['status'], RowAction[]> = {
  pending: ['approve', 'spam', 'trash'],
  approved: ['spam', 'trash'],
  spam: ['approve', 'trash', 'delete'],
  trash: ['restore', 'delete'],
};

export function Hidden({ csrf, back }: { csrf: string; back?: string }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={csrf} />
      {back !== undefined && <input type="hidden" name="back" value={back} />}
    </>
  );
}

function ActionButton({
  id,
  action,
  chrome,
  back,
  danger,
}: {
  id: string;
  action: RowAction;
  chrome: AdminChrome;
  back: string;
  danger?: boolean;
}) {
  const t = text();
  return (
    <form method="post" action={`/admin/comments/${id}/${action}`} class="inline-form">
      <Hidden csrf={chrome.csrf} back={back} />
      <button
        type="submit"
        class={danger ? 'button--danger' : action === 'approve' || action === 'restore' ? undefined : 'button--secondary'}
      >
        {t(`action.${action}`)}
      </button>
    </form>
  );
}

function CommentRow({ comment, view, chrome }: { comment: ModerationComment; view: ModerationView; chrome: AdminChrome }) {
  const { i18n } = useView();
  const t = text();
  const anchor = `comment-${comment.id}`;
  const name = comment.erased ? '—' : comment.authorName;
  const scopes = comment.erased ? [] : (view.blockScopes[comment.blog.id] ?? []);
  const canReply = !comment.erased && (comment.status === 'approved' || comment.status === 'pending');
  return (
    <li id={anchor} class={`mod-item mod-item--${comment.status}`}>
      <article aria-labelledby={`${anchor}-name`}>
        <header class="mod-item__header">
          <input type="checkbox" name="ids" value={comment.id} form="bulk-form" id={`select-${comment.id}`} />
          <label for={`select-${comment.id}`} class="visually-hidden">
            {t('select', { name })}
          </label>
          <strong id={`${anchor}-name`}>{name}</strong>
          {comment.badge && <span class="badge">{i18n.t(`comments.badge.${comment.badge}` as MessageKey)}</span>}
          <span class={`badge badge--${comment.status}`}>{t(`status.${comment.status}`)}</span>
        </header>
        <dl class="mod-meta">
          {!comment.erased && (
            <>
              <dt>{t('meta.email')}</dt>
              <dd>
                <Email address={comment.authorEmail} />
              </dd>
            </>
          )}
          <dt>{t('meta.ip')}</dt>
          <dd>{comment.ipHash ? <code>{comment.ipHash.slice(0, 10)}</code> : t('meta.noIp')}</dd>
          <dt>{t('meta.post')}</dt>
          <dd>
            <a href={`${comment.post.path}#${anchor}`}>{comment.post.title}</a>
            {comment.parentId && <> ({t('meta.reply')})</>}
            {' · '}
            <a href={listUrl(view.queue.status, { ...view.queue.filters, postId: comment.post.id })}>{t('filter.onlyThisPost')}</a>
          </dd>
          <dt>{t('meta.date')}</dt>
          <dd>
            <time datetime={comment.createdAt.toISOString()}>{i18n.dateTime(comment.createdAt)}</time>
          </dd>
          {comment.spamScore > 0 && (
            <>
              <dt>{t('meta.score')}</dt>
              <dd>{comment.spamScore}</dd>
            </>
          )}
        </dl>
        {comment.erased ? <p class="mod-text mod-text--erased">{t('meta.erased')}</p> : <div class="mod-text">{comment.body}</div>}
        {comment.versions.length > 0 && (
          <details class="mod-versions">
            <summary>{t('versions.summary', { n: comment.versions.length })}</summary>
            <ol>
              {comment.versions.map((version, i) => (
                <li key={i}>
                  <p class="hint">
                    {t(version.byWriter ? 'versions.byWriter' : 'versions.byStaff', { time: i18n.dateTime(version.replacedAt) })}
                    {version.name !== comment.authorName && <> · {t('versions.name', { name: version.name })}</>}
                  </p>
                  <div class="mod-text">{version.body}</div>
                </li>
              ))}
            </ol>
          </details>
        )}
        {comment.reasons.length > 0 && (
          <div class="mod-reasons">
            <span class="mod-reasons__label">{t('reasons')}:</span>
            <ul>
              {comment.reasons.map((reason, i) => (
                <li key={i}>
                  {describeReason(t, reason)}
                  {reason.score > 0 && <span class="mod-points"> ({t('points', { score: reason.score })})</span>}
                </li>
              ))}
            </ul>
          </div>
        )}
        <div class="mod-actions" role="group" aria-label={t('actions', { name })}>
          {ACTIONS_BY_STATUS[comment.status].map((action) => (
            <ActionButton key={action} id={comment.id} action={action} chrome={chrome} back={view.back} danger={action === 'delete'} />
          ))}
          {!comment.erased && (
            <a class="button button--secondary" href={`/admin/comments/${comment.id}/edit?back=${encodeURIComponent(view.back)}`}>
              {t('action.edit')}
            </a>
          )}
          {comment.status === 'approved' && <a href={`${comment.post.path}#${anchor}`}>{t('action.view')}</a>}
        </div>
        {scopes.length > 0 && <BlockControls comment={comment} scopes={scopes} view={view} chrome={chrome} />}
        {canReply && (
          <details class="mod-reply">
            <summary>{t('action.reply')}</summary>
            <form method="post" action={`/admin/comments/${comment.id}/reply`}>
              <Hidden csrf={chrome.csrf} back={view.back} />
              <div class="field">
                <label for={`reply-${comment.id}`}>{t('reply.body')}</label>
                <textarea id={`reply-${comment.id}`} name="body" rows={4} required maxLength={5000} />
              </div>
              {comment.status === 'pending' && <p class="hint">{t('reply.held')}</p>}
              <p>
                <button type="submit">{t('reply.submit')}</button>
              </p>
            </form>
          </details>
        )}
      </article>
    </li>
  );
}

/**
 * Blocking from a comment: one form, its scope chosen once for the address and the domain (site staff
 * choose the whole site or the comment's blog; a blog's own moderators block for their blog). An IP
 * hash first goes to the warning of how far the block reaches, where the scope is chosen too.
 */
function BlockControls({
  comment,
  scopes,
  view,
  chrome,
}: {
  comment: ModerationComment;
  scopes: readonly BlockScope[];
  view: ModerationView;
  chrome: AdminChrome;
}) {
  const t = text();
  const base = `/admin/comments/${comment.id}`;
  return (
    <form method="post" action={`${base}/block-email`} class="mod-block">
      <Hidden csrf={chrome.csrf} back={view.back} />
      {scopes.length > 1 ? (
        <span class="mod-block__scope">
          <label for={`block-scope-${comment.id}`}>{t('block.scope')}</label>{' '}
          <select id={`block-scope-${comment.id}`} name="scope">
            {scopes.map((scope) => (
              <option key={scope} value={scope}>
                {scope === 'site' ? t('block.scope.site') : t('block.scope.blog', { blog: comment.blog.title })}
              </option>
            ))}
          </select>
        </span>
      ) : (
        <input type="hidden" name="scope" value={scopes[0]} />
      )}
      <button type="submit" class="button--secondary">
        {t('action.block-email')}
      </button>
      <button type="submit" class="button--secondary" formaction={`${base}/block-domain`}>
        {t('action.block-domain')}
      </button>
      {comment.ipHash && (
        <a class="button button--secondary" href={`${base}/block-ip?back=${encodeURIComponent(view.back)}`}>
          {t('action.block-ip')}…
        </a>
      )}
    </form>
  );
}

function Pager({ queue }: { queue: Queue }) {
  const t = text();
  if (queue.pages <= 1) return null;
  const href = (n: number) => listUrl(queue.status, queue.filters, n);
  return (
    <nav class="pagination" aria-label={t('page.label')}>
      {queue.page > 1 && (
        <a href={href(queue.page - 1)} rel="prev">
          ← {t('page.newer')}
        </a>
      )}
      <span>{t('page.of', { page: queue.page, pages: queue.pages })}</span>
      {queue.page < queue.pages && (
        <a href={href(queue.page + 1)} rel="next">
          {t('page.older')} →
        </a>
      )}
    </nav>
  );
}

const REASONS = Object.keys(REASON_FILTERS) as ReasonFilter[];

/** Search and filters: a GET form, so the address holds them and paging keeps them, with or without JS. */
function SearchForm({ queue }: { queue: Queue }) {
  const t = text();
  const { filters } = queue;
  const narrowed = Boolean(filters.search || filters.blogId || filters.reason || filters.postId);
  return (
    <form
      method="get"
      action="/admin/comments"
      class="mod-search field-row"
      role="search"
      autocomplete="off"
      aria-label={t('search.label')}
    >
      <div class="field">
        <label for="mod-q">{t('search.q')}</label>
        <input type="search" id="mod-q" name="q" value={filters.search ?? ''} maxLength={200} aria-describedby="mod-q-hint" />
        <p class="hint" id="mod-q-hint">
          {t('search.hint')}
        </p>
      </div>
      <div class="field">
        <label for="mod-status">{t('search.status')}</label>
        <select id="mod-status" name="status">
          {STATUS_FILTERS.map((status) => (
            <option key={status} value={status} selected={status === queue.status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </div>
      {queue.blogs.length > 1 && (
        <div class="field">
          <label for="mod-blog">{t('search.blog')}</label>
          <select id="mod-blog" name="blog">
            <option value="">{t('search.anyBlog')}</option>
            {queue.blogs.map((blog) => (
              <option key={blog.id} value={blog.id} selected={blog.id === filters.blogId}>
                {blog.title}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="field">
        <label for="mod-reason">{t('search.reason')}</label>
        <select id="mod-reason" name="reason">
          <option value="">{t('search.anyReason')}</option>
          {REASONS.map((reason) => (
            <option key={reason} value={reason} selected={reason === filters.reason}>
              {t(`search.reason.${reason}`)}
            </option>
          ))}
        </select>
      </div>
      {filters.postId && <input type="hidden" name="post" value={filters.postId} />}
      <p class="field-row__actions">
        <button type="submit">{t('search.submit')}</button>
        {narrowed && <a href={listUrl(queue.status, {})}>{t('search.clear')}</a>}
      </p>
    </form>
  );
}

const KEYS = [
  ['j', 'keys.next'],
  ['k', 'keys.previous'],
  ['a', 'keys.approve'],
  ['s', 'keys.spam'],
  ['t', 'keys.trash'],
  ['r', 'keys.reply'],
  ['?', 'keys.help'],
] as const;

/** The keys' help: a dialog the script opens with "?" (focus stays inside, Escape closes it). */
function KeysHelp() {
  const t = text();
  return (
    <dialog id="mod-keys" class="mod-keys" aria-labelledby="mod-keys-title">
      <h2 id="mod-keys-title">{t('keys.title')}</h2>
      <dl>
        {KEYS.map(([key, label]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
      <p class="hint">{t('keys.typing')}</p>
      <p>
        <button type="button" data-close>
          {t('keys.close')}
        </button>
      </p>
    </dialog>
  );
}

/**
 * The line above the tabs: the moderator's own mail and the blocklist they keep (the site-wide one, or
 * their blog's; the list page switches between the lists they keep).
 */
function TopLinks({ view }: { view: ModerationView }) {
  const t = text();
  const { i18n } = useView();
  const ownBlog = view.queue.blogs.find((blog) => view.blockScopes[blog.id]?.includes('blog'));
  const blocklist = view.canBlock
    ? '/admin/comments/blocklist'
    : ownBlog && `/admin/comments/blocklist?blog=${encodeURIComponent(ownBlog.id)}`;
  return (
    <p class="mod-links">
      <a href="/admin/moderation-mail">{sectionText(moderationMailMessages, i18n.lang)('modmail.title')}</a>
      {blocklist && (
        <>
          <span aria-hidden="true"> · </span>
          <a href={blocklist}>{t('blocklist.link')}</a>
        </>
      )}
    </p>
  );
}

/** The moderation queue: status tabs, a post filter, one bulk form, and a small form per action. */
export function ModerationPage({ view, chrome }: { view: ModerationView; chrome: AdminChrome }) {
  const t = text();
  const { i18n } = useView();
  const { queue } = view;
  const bulkActions: RowAction[] =
    queue.status === 'spam' || queue.status === 'trash'
      ? ['approve', 'restore', 'trash', 'delete']
      : ['approve', 'spam', 'trash', 'delete'];
  const done =
    view.done && (commentsMessages.da as Record<string, string>)[`done.${view.done.action}`] !== undefined
      ? t(`done.${view.done.action}` as Parameters<typeof t>[0], { n: view.done.n })
      : undefined;
  return (
    <AdminLayout title={t('title')} chrome={{ ...chrome, section: 'comments' }}>
      <h1>{t('title')}</h1>
      <TopLinks view={view} />
      {done && (
        <div class="notice mod-done" role="status">
          <p>{done}</p>
          {view.undo && (
            <form method="post" action="/admin/comments/undo" class="mod-undo">
              <Hidden csrf={chrome.csrf} back={view.back} />
              <input type="hidden" name="undo" value={view.undo.id} />
              <button type="submit" class="button--secondary" data-key-undo>
                {t('undo.button')}
              </button>
              <span class="hint">
                {t('undo.until', { time: i18n.dateTime(view.undo.until) })}
                {view.undo.mailQueued && <> {t('undo.mailSent')}</>}
              </span>
            </form>
          )}
        </div>
      )}
      <nav class="tabs" aria-label={t('filter.label')}>
        <ul>
          {STATUS_FILTERS.map((status) => (
            <li key={status}>
              <a href={listUrl(status, queue.filters)} aria-current={status === queue.status ? 'page' : undefined}>
                {t(`status.${status}`)} <span class="count">({queue.counts[status]})</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <SearchForm queue={queue} />
      {queue.post && (
        <p class="filter-note">
          {t('filter.post', { title: queue.post.title })} ·{' '}
          <a href={listUrl(queue.status, { ...queue.filters, postId: undefined })}>{t('filter.clearPost')}</a>
        </p>
      )}
      {queue.comments.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <>
          <form id="bulk-form" method="post" action="/admin/comments/bulk" class="bulk-form">
            <Hidden csrf={chrome.csrf} back={view.back} />
            <p class="select-all" hidden>
              <input type="checkbox" id="select-all" data-select-all="bulk-form" />
              <label for="select-all">{t('selectAll')}</label>
            </p>
            <div class="field">
              <label for="bulk-action">{t('bulk.label')}</label>
              <select id="bulk-action" name="action" required>
                <option value="">{t('bulk.choose')}</option>
                {bulkActions.map((action) => (
                  <option key={action} value={action}>
                    {t(`action.${action}`)}
                  </option>
                ))}
              </select>
              <button type="submit">{t('bulk.submit')}</button>
            </div>
          </form>
          <p class="mod-keys-open" data-open-keys hidden>
            <button type="button" class="button--secondary">
              {t('keys.open')}
            </button>
          </p>
          <KeysHelp />
          <Pager queue={queue} />
          <ol class="mod-list" aria-label={t('list')}>
            {queue.comments.map((comment) => (
              <CommentRow key={comment.id} comment={comment} view={view} chrome={chrome} />
            ))}
          </ol>
          <Pager queue={queue} />
        </>
      )}
    </AdminLayout>
  );
}
