/**
 * The mails followers get: the confirmation, one per published post, and the weekly digest, in the
 * site's shared mail look (notifications/mail-layout.ts). Pure: they build messages.
 */
import type { MailMessage } from '../notifications/mail.js';
import { mailHtml, withMailLayout, type MailBrand } from '../notifications/mail-layout.js';
import type { PostForFollowers } from '../posts/post.service.js';
import { escapeHtml } from '../shared/escape-html.js';
import { followerText } from './follower.messages.js';

/** The site as its follower mails show it: address, name, language and logo (the shared mail header). */
export type FollowerMailSite = MailBrand;

export interface FollowerLinks {
  manage: string;
  unsubscribe: string;
}

// Titles and names go into subjects: one line, whatever a person typed.
const oneLine = (text: string, max = 150) => {
  const flat = text
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

const byline = (post: PostForFollowers) =>
  post.authors.map((a) => (a.bylineNote.trim() ? `${oneLine(a.name)}, ${oneLine(a.bylineNote)}` : oneLine(a.name))).join(' & ');

/** The links every follower mail carries, and the headers that let a mail program offer "unsubscribe" (RFC 2369, RFC 8058, RFC 2919). */
export function followerLinks(site: FollowerMailSite, tokens: { manage: string; unsubscribe: string }): FollowerLinks {
  return {
    manage: `${site.baseUrl}/follow/manage?token=${encodeURIComponent(tokens.manage)}`,
    unsubscribe: `${site.baseUrl}/follow/unsubscribe?token=${encodeURIComponent(tokens.unsubscribe)}`,
  };
}

function listHeaders(site: FollowerMailSite, links: FollowerLinks): Record<string, string> {
  const host = new URL(site.baseUrl).hostname || 'localhost';
  return {
    'List-Id': `${oneLine(site.title, 60).replace(/[<>"]/g, '')} <followers.${host}>`,
    'List-Unsubscribe': `<${links.unsubscribe}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

export function confirmationMail(site: FollowerMailSite, to: string, confirmLink: string): MailMessage {
  const t = followerText(site.language);
  return withMailLayout(
    {
      to,
      subject: oneLine(t('mail.confirmSubject', { site: site.title })),
      text: t('mail.confirmText', { site: oneLine(site.title), link: confirmLink }),
    },
    site,
  );
}

function footer(site: FollowerMailSite, links: FollowerLinks) {
  const t = followerText(site.language);
  return {
    text: [
      '--',
      t('mail.why', { site: oneLine(site.title) }),
      `${t('mail.manage')}: ${links.manage}`,
      `${t('mail.unsubscribe')}: ${links.unsubscribe}`,
    ],
    html: `<hr><p style="font-size:90%;color:#555">${escapeHtml(t('mail.why', { site: oneLine(site.title) }))}<br><a href="${escapeHtml(links.manage)}">${escapeHtml(t('mail.manage'))}</a> · <a href="${escapeHtml(links.unsubscribe)}">${escapeHtml(t('mail.unsubscribe'))}</a></p>`,
  };
}

/** Mail programs show images at a column's width, whatever the copy's: about 600 pixels. */
const MAIL_IMAGE_WIDTH = 600;

/** The featured image for the HTML part: absolute address, the size it shows at, and its alt text. */
function featuredImageHtml(site: FollowerMailSite, image: NonNullable<PostForFollowers['featuredImage']>, url: string): string {
  const width = Math.min(image.width, MAIL_IMAGE_WIDTH);
  const height = Math.max(1, Math.round((image.height * width) / image.width));
  const src = new URL(image.src, `${site.baseUrl}/`).href;
  return (
    `<p><a href="${escapeHtml(url)}"><img src="${escapeHtml(src)}" width="${width}" height="${height}" alt="${escapeHtml(image.alt)}"` +
    ` style="display:block;max-width:100%;height:auto;border:0"></a></p>`
  );
}

/**
 * One post, to one follower: title, lead, authors (guests with their title and organisation), the
 * featured image (HTML part only) and an absolute link.
 */
export function postMail(site: FollowerMailSite, to: string, post: PostForFollowers, links: FollowerLinks): MailMessage {
  const t = followerText(site.language);
  const url = `${site.baseUrl}${post.path}`;
  const by = byline(post);
  const foot = footer(site, links);
  const text = [
    oneLine(post.title, 300),
    ...(by ? [`${t('mail.by')} ${by}`] : []),
    '',
    ...(post.lead.trim() ? [post.lead.trim(), ''] : []),
    `${t('mail.read')}: ${url}`,
    '',
    ...foot.text,
  ].join('\n');
  const html = mailHtml(
    site,
    `<h1 style="font-size:1.4em"><a href="${escapeHtml(url)}">${escapeHtml(oneLine(post.title, 300))}</a></h1>` +
      (by ? `<p>${escapeHtml(t('mail.by'))} ${escapeHtml(by)}</p>` : '') +
      (post.featuredImage ? featuredImageHtml(site, post.featuredImage, url) : '') +
      (post.lead.trim() ? `<p>${escapeHtml(post.lead.trim())}</p>` : '') +
      `<p><a href="${escapeHtml(url)}">${escapeHtml(t('mail.read'))}</a></p>` +
      foot.html,
  );
  return { to, subject: oneLine(`${post.title} · ${site.title}`), text, html, headers: listHeaders(site, links) };
}

/** The week's posts on what one follower follows, in one mail. */
export function digestMail(site: FollowerMailSite, to: string, posts: readonly PostForFollowers[], links: FollowerLinks): MailMessage {
  const t = followerText(site.language);
  const foot = footer(site, links);
  const items = posts.map((post) => ({ post, url: `${site.baseUrl}${post.path}`, by: byline(post) }));
  const text = [
    t('mail.digestIntro', { site: oneLine(site.title) }),
    '',
    ...items.flatMap(({ post, url, by }) => [
      `* ${oneLine(post.title, 300)}`,
      ...(by ? [`  ${t('mail.by')} ${by}`] : []),
      ...(post.lead.trim() ? [`  ${oneLine(post.lead, 400)}`] : []),
      `  ${url}`,
      '',
    ]),
    ...foot.text,
  ].join('\n');
  const html = mailHtml(
    site,
    `<p>${escapeHtml(t('mail.digestIntro', { site: oneLine(site.title) }))}</p>` +
      items
        .map(
          ({ post, url, by }) =>
            `<h2 style="font-size:1.2em"><a href="${escapeHtml(url)}">${escapeHtml(oneLine(post.title, 300))}</a></h2>` +
            (by ? `<p>${escapeHtml(t('mail.by'))} ${escapeHtml(by)}</p>` : '') +
            (post.lead.trim() ? `<p>${escapeHtml(oneLine(post.lead, 400))}</p>` : ''),
        )
        .join('') +
      foot.html,
  );
  return { to, subject: oneLine(t('mail.digestSubject', { site: site.title })), text, html, headers: listHeaders(site, links) };
}
