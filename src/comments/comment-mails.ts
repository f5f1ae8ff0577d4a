/** The e-mails the comment system sends; each is queued in the outbox inside the caller's transaction. */
import { translator, type Language } from '../i18n/i18n.js';
import { withMailLayout } from '../notifications/mail-layout.js';
import { queueMail } from '../notifications/mail.service.js';
import type { ImageAddress } from '../settings/identity.js';
import type { Db } from '../storage/db.js';
import type { SpamReason } from './comment.js';
// The moderators' own words for statuses and reasons, as the moderation queue shows them.
import { sectionText } from '../admin/admin-i18n.js';
import { commentsMessages } from '../admin/comments/comments.messages.js';
import { describeReason } from '../admin/comments/reasons.js';

export interface MailSite {
  baseUrl: string;
  title: string;
  language: Language;
  timeZone: string;
  /** The site's logo, absolute, for the mails' HTML part (identity's siteLogo). */
  logo?: ImageAddress | undefined;
}

// Titles and names go into subjects: keep them on one line, whatever a person typed.
const oneLine = (text: string, max = 120) => {
  const flat = text
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

const excerpt = (text: string) => (text.length > 600 ? `${text.slice(0, 600)}…` : text);

/** Tells moderators a comment waits for them; a comment already marked as spam waits for no one. */
export async function mailModeratorsAboutHeld(
  db: Db,
  site: MailSite,
  moderators: readonly string[],
  comment: {
    id: string;
    authorName: string;
    authorEmail: string;
    body: string;
    status: string;
    reasons: SpamReason[];
    postTitle: string;
    postUrl: string;
  },
  now: Date,
): Promise<void> {
  if (moderators.length === 0 || comment.status !== 'pending') return;
  const da = site.language === 'da';
  const subject = oneLine(`${da ? 'Kommentar venter' : 'Comment waiting'}: ${comment.postTitle}`);
  const words = sectionText(commentsMessages, site.language);
  const reasons = comment.reasons.map((r) => `- ${describeReason(words, r)}`).join('\n') || '-';
  const text = [
    da ? `En kommentar venter på moderation på ${site.title}.` : `A comment is waiting for moderation on ${site.title}.`,
    '',
    `${da ? 'Indlæg' : 'Post'}: ${oneLine(comment.postTitle, 300)}`,
    `${da ? 'Fra' : 'From'}: ${oneLine(comment.authorName)} <${comment.authorEmail}>`,
    `${da ? 'Status' : 'Status'}: ${words(`status.${comment.status}` as 'status.pending')}`,
    `${da ? 'Begrundelser' : 'Reasons'}:`,
    reasons,
    '',
    excerpt(comment.body),
    '',
    `${da ? 'Moderér' : 'Moderate'}: ${site.baseUrl}/admin/comments?status=${comment.status}#comment-${comment.id}`,
    `${da ? 'Indlægget' : 'The post'}: ${comment.postUrl}`,
  ].join('\n');
  for (const to of moderators) await queueMail(db, withMailLayout({ to, subject, text }, site), now);
}

export async function mailSubscriptionConfirmation(
  db: Db,
  site: MailSite,
  to: string,
  token: string,
  postTitle: string,
  now: Date,
): Promise<void> {
  const da = site.language === 'da';
  const confirm = `${site.baseUrl}/comments/subscriptions/confirm?token=${encodeURIComponent(token)}`;
  const text = da
    ? [
        `Du har bedt om besked, når nogen svarer på din kommentar til "${oneLine(postTitle, 300)}" på ${site.title}.`,
        '',
        `Bekræft her: ${confirm}`,
        '',
        'Har du ikke bedt om det, kan du se bort fra denne mail. Så sender vi ikke flere.',
      ]
    : [
        `You asked to hear when someone replies to your comment on "${oneLine(postTitle, 300)}" at ${site.title}.`,
        '',
        `Confirm here: ${confirm}`,
        '',
        'If you did not ask for this, ignore this mail and we will send no more.',
      ];
  await queueMail(
    db,
    withMailLayout(
      {
        to,
        subject: oneLine(da ? `Bekræft besked om svar: ${postTitle}` : `Confirm reply notifications: ${postTitle}`),
        text: text.join('\n'),
      },
      site,
    ),
    now,
  );
}

/**
 * A reply mail carries two links with two tokens: the manage token (edit, delete) in the body, and
 * an unsubscribe-only token in the body and the List-Unsubscribe header, which mail programs and
 * scanners fetch and forward on their own (RFC 8058).
 */
export async function mailReply(
  db: Db,
  site: MailSite,
  to: string,
  tokens: { manage: string; unsubscribe: string },
  reply: {
    authorName: string;
    body: string;
    postTitle: string;
    url: string;
    createdAt: Date;
  },
  now: Date,
): Promise<void> {
  const da = site.language === 'da';
  const i18n = translator(site.language, site.timeZone);
  const unsubscribe = `${site.baseUrl}/comments/subscriptions/unsubscribe?token=${encodeURIComponent(tokens.unsubscribe)}`;
  const manage = `${site.baseUrl}/comments/manage?token=${encodeURIComponent(tokens.manage)}`;
  const text = [
    da
      ? `${oneLine(reply.authorName)} har svaret på din kommentar til "${oneLine(reply.postTitle, 300)}" (${i18n.dateTime(reply.createdAt)}):`
      : `${oneLine(reply.authorName)} replied to your comment on "${oneLine(reply.postTitle, 300)}" (${i18n.dateTime(reply.createdAt)}):`,
    '',
    excerpt(reply.body),
    '',
    `${da ? 'Læs og svar' : 'Read and reply'}: ${reply.url}`,
    '',
    `${da ? 'Din kommentar' : 'Your comment'}: ${manage}`,
    `${da ? 'Ingen flere mails om svar' : 'No more reply mails'}: ${unsubscribe}`,
  ].join('\n');
  await queueMail(
    db,
    withMailLayout(
      {
        to,
        subject: oneLine(da ? `Nyt svar: ${reply.postTitle}` : `New reply: ${reply.postTitle}`),
        text,
        headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      },
      site,
    ),
    now,
  );
}
