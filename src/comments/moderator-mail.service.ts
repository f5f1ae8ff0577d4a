/**
 * Moderators' own mail about comments waiting for them: a mail per comment for those who chose
 * it, and hourly or daily digests of what waits in their blogs, sent by a scheduled job.
 */
import type { Actor } from '../accounts/account.js';
import { forbidden, invalid } from '../errors.js';
import { mailBrandOf, withMailLayout } from '../notifications/mail-layout.js';
import { queueMail } from '../notifications/mail.service.js';
import type { SiteSettings } from '../settings/settings.js';
import { zonedPeriodStart } from '../shared/time.js';
import type { Db } from '../storage/db.js';
import { withJobLock } from '../storage/job-lock.js';
import {
  blogOfPost,
  findModeratorsWanting,
  findWaitingComments,
  isCommentMail,
  markDigestSent,
  readCommentMail,
  writeCommentMail,
  type CommentMail,
  type MailingModerator,
} from './moderator-mail.repository.js';

const inScope = (m: MailingModerator, blogId: string | undefined) => m.blogScope === null || (!!blogId && m.blogScope.includes(blogId));

/**
 * Who hears of one held comment on the post: the site's address list, and every account that
 * chose a mail per comment and moderates the post's blog. Each address once.
 */
export async function moderatorAddresses(db: Db, siteList: readonly string[], postId: string): Promise<string[]> {
  const wanting = await findModeratorsWanting(db, 'each');
  if (wanting.length === 0) return [...siteList];
  const blogId = await blogOfPost(db, postId);
  const seen = new Set(siteList.map((a) => a.toLowerCase()));
  const all = [...siteList];
  for (const m of wanting) {
    if (!inScope(m, blogId) || seen.has(m.email.toLowerCase())) continue;
    seen.add(m.email.toLowerCase());
    all.push(m.email);
  }
  return all;
}

export type DigestMode = Extract<CommentMail, 'hourly' | 'daily'>;

/** The start of the hour or day `now` is in, as the site's clock reads it: one digest per such period. */
export function periodStart(mode: DigestMode, now: Date, timeZone: string): Date {
  return zonedPeriodStart(now, mode === 'daily' ? 'day' : 'hour', timeZone);
}

const LIMIT = 50;
const oneLine = (text: string, max = 120) => {
  const flat = text.replace(/[\p{Cc}\p{Cf}\u2028\u2029\s]+/gu, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export interface DigestSite {
  baseUrl: string;
  settings: Pick<SiteSettings, 'title' | 'language' | 'timeZone' | 'logo'>;
}

/**
 * Sends the digests due in this period: each account that chose `mode` and has not had its look
 * this period gets one mail listing what waits in its blogs, none when nothing waits. The look is
 * recorded either way, so a restart or a second instance sends nothing twice. Returns how many
 * mails were queued.
 */
export async function sendModerationDigests(db: Db, site: DigestSite, mode: DigestMode, now: Date): Promise<number> {
  const since = periodStart(mode, now, site.settings.timeZone).toISOString();
  const at = now.toISOString();
  const da = site.settings.language === 'da';
  let sent = 0;
  for (const m of await findModeratorsWanting(db, mode)) {
    if (m.digestAt && m.digestAt >= since) continue;
    const { total, rows } = await findWaitingComments(db, m.blogScope, LIMIT);
    if (total > 0) {
      const lines = rows.map((c) =>
        [
          `- ${oneLine(c.authorName, 80)} ${da ? 'om' : 'on'} "${oneLine(c.postTitle)}": ${oneLine(c.body, 200)}`,
          `  ${site.baseUrl}/admin/comments?status=pending#comment-${c.id}`,
          `  ${site.baseUrl}/${c.blogSlug}/${c.postSlug}`,
        ].join('\n'),
      );
      const title = oneLine(site.settings.title);
      const text = [
        da
          ? `${total === 1 ? 'Én kommentar venter' : `${total} kommentarer venter`} på moderation på ${title}.`
          : `${total === 1 ? 'One comment is' : `${total} comments are`} waiting for moderation on ${title}.`,
        '',
        ...lines,
        ...(total > rows.length ? ['', da ? `… og ${total - rows.length} mere.` : `… and ${total - rows.length} more.`] : []),
        '',
        `${da ? 'Moderér' : 'Moderate'}: ${site.baseUrl}/admin/comments?status=pending`,
        `${da ? 'Vælg hvilke mails du får' : 'Choose which mails you get'}: ${site.baseUrl}/admin/moderation-mail`,
      ].join('\n');
      const subject = da
        ? `${mode === 'hourly' ? 'Timens' : 'Dagens'} kommentarer til moderation (${total}): ${title}`
        : `${mode === 'hourly' ? 'Hourly' : 'Daily'} comments to moderate (${total}): ${title}`;
      await queueMail(db, withMailLayout({ to: m.email, subject, text }, mailBrandOf(site.settings, site.baseUrl)), now);
      sent += 1;
    }
    await markDigestSent(db, m.id, at);
  }
  return sent;
}

/** The digest job: under the job lock, so instances sharing a database send each digest once. */
export function moderationDigestJobs(
  db: Db,
  env: { baseUrl: string; onMailQueued?: () => void },
  loadSettings: () => Promise<SiteSettings>,
  now: Date,
): { name: string; run(): Promise<void> }[] {
  return [
    {
      name: 'moderation-digests',
      async run() {
        const settings = await loadSettings();
        const sent =
          (await withJobLock(db, 'moderation-digests', async (trx) => {
            const site = { baseUrl: env.baseUrl, settings };
            return (await sendModerationDigests(trx, site, 'hourly', now)) + (await sendModerationDigests(trx, site, 'daily', now));
          })) ?? 0;
        if (sent > 0) env.onMailQueued?.();
      },
    },
  ];
}

/** Comment mail is for those who moderate comments: administrators, editors and moderators. */
export const choosesCommentMail = (actor: Actor): boolean => actor.role !== 'author';

export async function commentMailOf(db: Db, actor: Actor): Promise<CommentMail> {
  if (!choosesCommentMail(actor)) throw forbidden('Your role does not moderate comments');
  return readCommentMail(db, actor.accountId);
}

/** Sets how the actor hears of waiting comments; only ever their own account. */
export async function chooseCommentMail(db: Db, actor: Actor, mode: string): Promise<void> {
  if (!choosesCommentMail(actor)) throw forbidden('Your role does not moderate comments');
  if (!isCommentMail(mode)) throw invalid({ commentMail: 'unknown' });
  await writeCommentMail(db, actor.accountId, mode);
}
