import type { ComponentChildren } from 'preact';
import type { PublicComment } from '../../comments/comment.js';
import type { MessageKey } from '../../i18n/messages.js';
import { TrustedHtml } from '../trusted-html.js';
import { useView, type ViewContext } from '../context.js';
import { renderFragment } from '../render.js';
import { Lru } from '../../shared/lru.js';
import { trustHtml, type SafeHtml } from '../../shared/safe-html.js';
import { PageSplices } from '../splices.js';
import { keptDeflate, type KeptDeflate } from '../../http/gzip-splice.js';
import { useHideEmails } from './email.js';

export interface ThreadModel {
  comments: PublicComment[];
  page: number;
  pages: number;
  total: number;
  postUrl: string;
  open: boolean;
  /** Rendered after the comment with this id instead of at the end (a reply without JavaScript). */
  replyToId?: string;
  /** The comments already rendered, by id (commentFragments): must have been made with the same `open`, for the same page. */
  fragments?: Map<string, SafeHtml>;
  /** The list's items kept whole (keptItemsOf), for a page with no form or edit link among them. */
  keptItems?: SafeHtml;
  /** Where the page's live updates start (src/live): the post, and the newest event when the page was made. */
  live?: { postId: string; after: number };
  /** The writer's private edit link, shown at their comment for its 15 minutes (never on a cached page). */
  editLink?: { commentId: string; href: string; minutes: number };
}

/** A comment without its replies: the same for every reader, so rendered once while it stays the same (see commentFragments). */
function CommentArticleBody({ comment, open }: { comment: PublicComment; open: boolean }) {
  const { i18n } = useView();
  const hide = useHideEmails();
  const authorName = hide(comment.authorName);
  const anchor = `comment-${comment.id}`;
  return (
    <>
      <header class="comment__header">
        <span class={`avatar avatar--small avatar--c${comment.avatarColour}`} aria-hidden="true">
          {comment.initials}
        </span>
        <span>
          <strong class="comment__author" id={`${anchor}-author`}>
            {comment.erased ? '—' : authorName}
          </strong>
          {comment.badge && <span class="badge">{i18n.t(`comments.badge.${comment.badge}` as MessageKey)}</span>}
          <br />
          <a class="comment__date" href={`#${anchor}`} aria-label={`${i18n.t('comments.permalink')}: ${i18n.dateTime(comment.createdAt)}`}>
            <time datetime={comment.createdAt.toISOString()}>{i18n.dateTime(comment.createdAt)}</time>
          </a>
        </span>
      </header>
      {comment.status !== 'approved' && <p class="comment__pending">{i18n.t('comments.pending')}</p>}
      {comment.erased ? (
        <p class="comment__erased">{i18n.t('comments.erased')}</p>
      ) : (
        <TrustedHtml html={comment.bodyHtml} class="comment__body" />
      )}
      {comment.editedAt && !comment.erased && (
        <p class="comment__edited">
          {i18n.t('comments.edited')} <time datetime={comment.editedAt.toISOString()}>{i18n.dateTime(comment.editedAt)}</time>
        </p>
      )}
      {open && comment.status === 'approved' && !comment.erased && (
        <p class="comment__actions">
          <a
            class="reply-link"
            href={`?reply=${comment.id}#respond`}
            data-reply-to={comment.id}
            data-reply-name={authorName}
            aria-label={`${i18n.t('comments.reply')}: ${authorName}`}
          >
            {i18n.t('comments.reply')}
          </a>
        </p>
      )}
    </>
  );
}

// Rendered comments, by comment id, each with everything its HTML is made from: a comment edited,
// erased, moderated or shown under other settings differs in one of these, and is rendered anew,
// so a kept fragment can never be out of date. Compared field by field rather than joined into one
// key string: a 200-comment page made 200 such strings (with every body) to hash per request.
// Kept as UTF-8 bytes, which the page's encoding copies in (see views/splices.ts), with a serial
// number never given twice in this process, which names the fragment in a kept thread's key.
interface Fragment {
  bytes: Buffer;
  serial: number;
  language: string;
  timeZone: string;
  open: boolean;
  authorName: string;
  avatarColour: number;
  initials: string;
  badge: string | null;
  createdAt: number;
  editedAt: number | null;
  status: string;
  erased: boolean;
  bodyHtml: string;
}
const fragments = new Lru<string, Fragment>(5000);
let lastSerial = 0;

function isMadeFrom(fragment: Fragment, context: ViewContext, comment: PublicComment, open: boolean): boolean {
  return (
    fragment.bodyHtml === comment.bodyHtml &&
    fragment.authorName === comment.authorName &&
    fragment.createdAt === comment.createdAt.getTime() &&
    fragment.editedAt === (comment.editedAt?.getTime() ?? null) &&
    fragment.status === comment.status &&
    fragment.erased === comment.erased &&
    fragment.badge === comment.badge &&
    fragment.avatarColour === comment.avatarColour &&
    fragment.initials === comment.initials &&
    fragment.open === open &&
    fragment.language === context.site.language &&
    fragment.timeZone === context.site.timeZone
  );
}

function fragmentOf(context: ViewContext, comment: PublicComment, open: boolean): Fragment {
  const kept = fragments.get(comment.id);
  if (kept && isMadeFrom(kept, context, comment, open)) return kept;
  const made: Fragment = {
    bytes: Buffer.from(renderFragment(context, <CommentArticleBody comment={comment} open={open} />), 'utf8'),
    serial: ++lastSerial,
    language: context.site.language,
    timeZone: context.site.timeZone,
    open,
    authorName: comment.authorName,
    avatarColour: comment.avatarColour,
    initials: comment.initials,
    badge: comment.badge,
    createdAt: comment.createdAt.getTime(),
    editedAt: comment.editedAt?.getTime() ?? null,
    status: comment.status,
    erased: comment.erased,
    bodyHtml: comment.bodyHtml,
  };
  fragments.set(comment.id, made);
  return made;
}

/**
 * Each comment of a thread page rendered to HTML, once while it stays the same: a page of a long
 * debate rendered from scratch then costs little more than its queries. The map holds each
 * comment's stand-in in `splices`, which the page's encoding must then use.
 */
export function commentFragments(
  context: ViewContext,
  comments: readonly PublicComment[],
  open: boolean,
  splices: PageSplices,
): Map<string, SafeHtml> {
  return fragmentsAndShape(context, comments, open, splices).standIns;
}

function fragmentsAndShape(context: ViewContext, comments: readonly PublicComment[], open: boolean, splices: PageSplices) {
  const standIns = new Map<string, SafeHtml>();
  const shape: string[] = [];
  const visit = (list: readonly PublicComment[]) => {
    shape.push('(');
    for (const comment of list) {
      const fragment = fragmentOf(context, comment, open);
      // The item around the fragment shows the comment's depth and place in the tree besides what the fragment is made from.
      shape.push(`${fragment.serial}:${comment.depth}`);
      standIns.set(comment.id, splices.add(fragment.bytes));
      visit(comment.replies);
    }
    shape.push(')');
  };
  visit(comments);
  return { standIns, shape: shape.join(' ') };
}

// Runs of a page's comments (the items of the thread's list), as bytes and compressed once, by the
// fragments they are made of and the tree's shape: a comment changed, moved, added or gone gives
// another key. A page rendered from scratch then compresses only what is around its debate.
const threads = new Lru<string, KeptDeflate>(256);
const blocksByList = new WeakMap<readonly PublicComment[], { settings: string; blocks: readonly KeptDeflate[] }>();

/**
 * Top-level comments (with their replies) per compressed run. A new comment changes the last run
 * of the last page only: with the page in one run, each comment in a live debate compressed the
 * page's fifty comments again; with runs of ten, one run (each compressed with the run before as
 * its dictionary, so the page is as small as in one run).
 */
const THREADS_PER_RUN = 10;

/**
 * The items of a page of comments as runs kept with their compressed form while every comment in
 * them stays the same; their stand-ins (keptItemsOf) go inside the thread's list
 * (ThreadModel.keptItems). For a plain page only: one with the form among the comments or a
 * writer's edit link is made comment by comment.
 */
export function keptThreadRuns(context: ViewContext, comments: readonly PublicComment[], open: boolean): readonly KeptDeflate[] {
  // A list read once and kept comes back as the same array, frozen with its comments (src/posts/kept-thread.ts):
  // its runs need no look-up of each comment's fragment, only the same settings.
  const settings = `${open}\u0000${context.site.language}\u0000${context.site.timeZone}`;
  const known = Object.isFrozen(comments) ? blocksByList.get(comments) : undefined;
  const blocks = known?.settings === settings ? known.blocks : runsOf(context, comments, open);
  if (Object.isFrozen(comments) && blocks !== known?.blocks) blocksByList.set(comments, { settings, blocks });
  return blocks;
}

/** The stand-ins of these runs in `splices`, to go inside the thread's list (ThreadModel.keptItems). */
export function keptItemsOf(runs: readonly KeptDeflate[], splices: PageSplices): SafeHtml {
  return trustHtml(runs.map((block) => splices.addKept(block)).join(''));
}

function runsOf(context: ViewContext, comments: readonly PublicComment[], open: boolean): KeptDeflate[] {
  const blocks: KeptDeflate[] = [];
  let before = '';
  for (let from = 0; from < comments.length; from += THREADS_PER_RUN) {
    const run = comments.slice(from, from + THREADS_PER_RUN);
    const own = new PageSplices();
    const { standIns, shape } = fragmentsAndShape(context, run, open, own);
    // Each run after the first is compressed with the one before it as its dictionary (it always
    // comes right after it), so the runs compress about as well as the whole list in one: hence
    // the run before is part of the key.
    const previous = blocks.at(-1);
    const key = `${open}${before}\u0001${shape}`;
    blocks.push(
      threads.through(key, () => {
        const model: ThreadModel = { comments: [], page: 1, pages: 1, total: 0, postUrl: '', open, fragments: standIns };
        const html = renderFragment(
          context,
          <>
            {run.map((comment) => (
              <CommentItem key={comment.id} comment={comment} model={model} form={null} />
            ))}
          </>,
        );
        return keptDeflate(own.encode(html), previous?.bytes);
      }),
    );
    before = shape;
  }
  return blocks;
}

function EditLink({ href, minutes }: { href: string; minutes: number }) {
  const { i18n } = useView();
  return (
    <p class="comment__edit-link">
      <a href={href} rel="nofollow">
        {i18n.t('comments.editLink', { minutes })}
      </a>
    </p>
  );
}

export function CommentItem({ comment, model, form }: { comment: PublicComment; model: ThreadModel; form: ComponentChildren }) {
  const anchor = `comment-${comment.id}`;
  const fragment = model.fragments?.get(comment.id);
  return (
    <li id={anchor} class={`comment comment--depth-${comment.depth}${comment.status !== 'approved' ? ' comment--pending' : ''}`}>
      {fragment ? (
        <TrustedHtml as="article" labelledBy={`${anchor}-author`} html={fragment} />
      ) : (
        <article aria-labelledby={`${anchor}-author`}>
          <CommentArticleBody comment={comment} open={model.open} />
        </article>
      )}
      {model.editLink?.commentId === comment.id && <EditLink href={model.editLink.href} minutes={model.editLink.minutes} />}
      {model.replyToId === comment.id && form}
      {comment.replies.length > 0 && (
        <ol class="comments comments--replies">
          {comment.replies.map((reply) => (
            <CommentItem key={reply.id} comment={reply} model={model} form={form} />
          ))}
        </ol>
      )}
    </li>
  );
}

/** The debate's heading with its count: its own component, as a kept page's count is rendered again alone (post-page.tsx). */
export function CommentsHeading({ total }: { total: number }) {
  const { i18n } = useView();
  return (
    <h2 id="comments-heading">
      {i18n.t('comments.heading')} ({total})
    </h2>
  );
}

/** The debate under a post: threads oldest first, paging for long debates, and the form. */
export function CommentThread({ model, form }: { model: ThreadModel; form: ComponentChildren }) {
  const { i18n } = useView();
  const href = (n: number) => (n === 1 ? `${model.postUrl}#comments` : `${model.postUrl}?comments-page=${n}#comments`);
  const pager = model.pages > 1 && (
    <nav class="pagination" aria-label={i18n.t('comments.pages')}>
      {model.page > 1 && (
        <a href={href(model.page - 1)} rel="prev">
          ← {i18n.t('comments.older')}
        </a>
      )}
      <span>{i18n.t('comments.page', { page: model.page, pages: model.pages })}</span>
      {model.page < model.pages && (
        <a href={href(model.page + 1)} rel="next">
          {i18n.t('comments.newer')} →
        </a>
      )}
    </nav>
  );
  return (
    <section
      class="comments-section"
      id="comments"
      aria-labelledby="comments-heading"
      data-post-id={model.live?.postId}
      data-live-after={model.live?.after}
    >
      <CommentsHeading total={model.total} />
      {pager}
      {model.comments.length === 0 ? (
        <p class="comments-empty">{i18n.t('comments.none')}</p>
      ) : model.keptItems ? (
        <TrustedHtml as="ol" class="comments" html={model.keptItems} />
      ) : (
        <ol class="comments">
          {model.comments.map((comment) => (
            <CommentItem key={comment.id} comment={comment} model={model} form={form} />
          ))}
        </ol>
      )}
      {pager}
      {!model.open && <p class="comments-closed">{i18n.t('comments.closed')}</p>}
      {model.open && !model.replyToId && form}
    </section>
  );
}
