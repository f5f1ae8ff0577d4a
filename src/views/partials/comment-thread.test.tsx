import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../../i18n/i18n.js';
import { DEFAULT_SETTINGS } from '../../settings/settings.js';
import { trustHtml } from '../../shared/safe-html.js';
import type { PublicComment } from '../../comments/comment.js';
import type { ViewContext } from '../context.js';
import { renderFragment } from '../render.js';
import { keptPiecesOf, PageSplices } from '../splices.js';
import { CommentThread, commentFragments, keptItemsOf, keptThreadRuns, type ThreadModel } from './comment-thread.js';

const context: ViewContext = {
  i18n: translator(DEFAULT_SETTINGS.language, DEFAULT_SETTINGS.timeZone),
  site: DEFAULT_SETTINGS,
  baseUrl: 'https://example.test',
  assets: { css: '', js: '', admin: '', icon: '', touchIcon: '', theme: '' },
  blogs: [],
  path: '/blog/post',
};

let ids = 0;
function comment(overrides: Partial<PublicComment> = {}): PublicComment {
  const n = ++ids;
  return {
    id: `c${n}`,
    parentId: null,
    depth: 0,
    authorName: `Læser ${n}`,
    avatarColour: n % 8,
    initials: 'L',
    badge: null,
    bodyHtml: trustHtml(`<p>Indlæg nummer ${n} &amp; mere</p>`),
    status: 'approved',
    createdAt: new Date(Date.UTC(2026, 0, 1, 12, n)),
    editedAt: null,
    erased: false,
    replies: [],
    ...overrides,
  };
}

function threadOf(comments: PublicComment[]): ThreadModel {
  return { comments, page: 1, pages: 1, total: comments.length, postUrl: '/blog/post', open: true };
}

type Way = 'whole' | 'fragments' | 'kept';
function page(comments: PublicComment[], way: Way): Buffer {
  const splices = new PageSplices();
  const model = threadOf(comments);
  if (way === 'fragments') model.fragments = commentFragments(context, comments, true, splices);
  if (way === 'kept') model.keptItems = keptItemsOf(keptThreadRuns(context, comments, true), splices);
  return splices.encode(renderFragment(context, <CommentThread model={model} form={<p>form</p>} />));
}

function debate(): PublicComment[] {
  const first = comment();
  first.replies = [comment({ parentId: first.id, depth: 1 }), comment({ parentId: first.id, depth: 1, status: 'pending' })];
  return [first, comment({ erased: true }), comment({ editedAt: new Date(Date.UTC(2026, 0, 2)) })];
}

describe('a page of comments kept whole', () => {
  it('gives the same bytes as the thread rendered whole or comment by comment', () => {
    const comments = debate();
    const whole = page(comments, 'whole');
    assert.deepEqual(page(comments, 'fragments'), whole);
    assert.deepEqual(page(comments, 'kept'), whole);
    // Again, now from what was kept.
    assert.deepEqual(page(comments, 'kept'), whole);
  });

  it('leaves the page its pieces, with the comments compressed once', () => {
    const body = page(debate(), 'kept');
    const pieces = keptPiecesOf(body);
    assert.ok(pieces);
    assert.equal(pieces.filter((p) => !Buffer.isBuffer(p)).length, 1);
    assert.deepEqual(Buffer.concat(pieces.map((p) => (Buffer.isBuffer(p) ? p : p.bytes))), body);
  });

  it('is never shown after one of its comments changed, moved or went', () => {
    const comments = debate();
    page(comments, 'kept');
    const changes: ((list: PublicComment[]) => void)[] = [
      (list) => (list[0]!.bodyHtml = trustHtml('<p>Rettet</p>')),
      (list) => (list[0]!.authorName = 'Nyt navn'),
      (list) => (list[0]!.replies[1]!.status = 'approved'),
      (list) => (list[1]!.erased = false),
      (list) => list[0]!.replies.pop(),
      (list) => list.push(comment()),
      (list) => list.reverse(),
      (list) => (list[2]!.depth = 1),
    ];
    for (const change of changes) {
      const changed = debate().map((c, i) => ({ ...c, ...comments[i], replies: [...comments[i]!.replies] }));
      change(changed);
      assert.deepEqual(page(changed, 'kept'), page(changed, 'whole'), String(change));
    }
  });

  it('renders a comment anew when anything it is shown from changed, one thing at a time', () => {
    const changes: ((c: PublicComment) => void)[] = [
      (c) => (c.bodyHtml = trustHtml('<p>Anden tekst</p>')),
      (c) => (c.authorName = 'Andet navn'),
      (c) => (c.avatarColour = (c.avatarColour + 1) % 8),
      (c) => (c.initials = 'XY'),
      (c) => (c.badge = 'author'),
      (c) => (c.createdAt = new Date(c.createdAt.getTime() + 60_000)),
      (c) => (c.editedAt = new Date(Date.UTC(2026, 0, 3))),
      (c) => (c.status = 'pending'),
      (c) => (c.erased = true),
    ];
    for (const change of changes) {
      const comments = debate();
      page(comments, 'kept');
      page(comments, 'fragments');
      change(comments[0]!);
      const whole = page(comments, 'whole');
      assert.deepEqual(page(comments, 'fragments'), whole, String(change));
      assert.deepEqual(page(comments, 'kept'), whole, String(change));
    }
  });

  it('renders a comment anew under another language, time zone or with comments closed', () => {
    const comments = debate();
    const pageUnder = (site: ViewContext['site'], open: boolean, way: Way) => {
      const under = { ...context, site, i18n: translator(site.language, site.timeZone) };
      const splices = new PageSplices();
      const model = { ...threadOf(comments), open };
      if (way === 'fragments') model.fragments = commentFragments(under, comments, open, splices);
      if (way === 'kept') model.keptItems = keptItemsOf(keptThreadRuns(under, comments, open), splices);
      return splices.encode(renderFragment(under, <CommentThread model={model} form={<p>form</p>} />));
    };
    const settings = [
      { site: DEFAULT_SETTINGS, open: true },
      { site: { ...DEFAULT_SETTINGS, language: 'en' as const }, open: true },
      { site: { ...DEFAULT_SETTINGS, timeZone: 'America/New_York' }, open: true },
      { site: DEFAULT_SETTINGS, open: false },
    ];
    const wholes = settings.map(({ site, open }) => pageUnder(site, open, 'whole'));
    assert.equal(new Set(wholes.map((w) => w.toString())).size, settings.length, 'each setting shows the comments differently');
    // Each one right after the first, from which it differs in that one setting alone.
    for (const i of [1, 0, 2, 0, 3, 0]) {
      const { site, open } = settings[i]!;
      assert.deepEqual(pageUnder(site, open, 'kept'), wholes[i], `kept, ${i}`);
      assert.deepEqual(pageUnder(site, open, 'fragments'), wholes[i], `fragments, ${i}`);
    }
  });

  it('gives a frozen (kept) list its block again only under the same language, time zone and open state', () => {
    const list = Object.freeze(debate());
    const items = (under: ViewContext, open: boolean) => {
      const splices = new PageSplices();
      const model: ThreadModel = { ...threadOf([...list]), open, keptItems: keptItemsOf(keptThreadRuns(under, list, open), splices) };
      return splices.encode(renderFragment(under, <CommentThread model={model} form={null} />)).toString();
    };
    assert.equal(items(context, true), items(context, true));
    const english: ViewContext = {
      ...context,
      i18n: translator('en', 'America/New_York'),
      site: { ...DEFAULT_SETTINGS, language: 'en' as const, timeZone: 'America/New_York' },
    };
    assert.match(items(english, true), />Reply</);
    assert.doesNotMatch(items(context, false), /reply-link/);
    assert.match(items(context, true), /reply-link/);
    assert.doesNotMatch(items(context, true), />Reply</);
  });
});
