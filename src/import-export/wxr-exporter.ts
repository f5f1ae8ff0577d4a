/** `ytring export wxr FILE`: posts, people, tags, blogs (as categories) and comments as a WXR 1.2 file WordPress imports. */
import { writeFileAtomically } from './files.js';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import MarkdownIt from 'markdown-it';
import { getSiteSettings } from '../settings/settings.service.js';
import { escapeHtml } from '../shared/escape-html.js';
import { zonedParts } from '../shared/time.js';
import { cdata, escapeXml } from '../shared/xml.js';
import type { Db } from '../storage/db.js';
import { readRowsAfter, readRowsWhereIn, type Row } from './dump.repository.js';

export interface WxrExportOptions {
  /** The site's public address, for links. */
  baseUrl: string;
  now?: Date;
  batchSize?: number;
  onProgress?: (progress: { rows: number; totalRows: number }) => void;
}

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const wpDate = (iso: unknown) => (typeof iso === 'string' && iso ? iso.slice(0, 19).replace('T', ' ') : '0000-00-00 00:00:00');
const pad = (n: number | undefined, width = 2) => String(n ?? 0).padStart(width, '0');
/** WordPress's post_date and comment_date: the wall clock in the site's time zone (the _gmt fields are UTC). */
const wpLocalDate = (iso: unknown, timeZone: string) => {
  if (typeof iso !== 'string' || !iso) return '0000-00-00 00:00:00';
  const p = zonedParts(new Date(iso), timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
};

// WordPress keeps a login as written only if it is at most 60 characters of a-z, 0-9, "_", ".", "-",
// " " and "@"; otherwise creating the user fails and the importer gives that person's posts to
// whoever runs it. A person's slug fits the characters; it is cut and kept unique here.
function wpLogin(slug: string, taken: Set<string>): string {
  const base =
    slug
      .replace(/[^a-z0-9_.@ -]/gi, '-')
      .slice(0, 60)
      .replace(/-+$/, '') || 'author';
  let login = base;
  for (let n = 2; taken.has(login); n++) login = `${base.slice(0, 60 - String(n).length - 1).replace(/-+$/, '')}-${n}`;
  taken.add(login);
  return login;
}
const rfc822 = (iso: unknown) => (typeof iso === 'string' && iso ? new Date(iso).toUTCString().replace('GMT', '+0000') : '');
const text = (value: unknown) => (typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value));

const POST_STATUS: Record<string, string> = { published: 'publish', scheduled: 'future', draft: 'draft' };
const COMMENT_APPROVED: Record<string, string> = { approved: '1', pending: '0', spam: 'spam', trash: 'trash' };

async function* allRows(db: Db, table: string, batchSize: number): AsyncGenerator<Row> {
  let after: unknown[] | undefined;
  for (;;) {
    const batch = await readRowsAfter(db, table, ['id'], after, 0, batchSize);
    yield* batch;
    if (batch.length < batchSize) return;
    after = [batch[batch.length - 1]!.id];
  }
}

/** Writes the WXR document to `out`; returns what it wrote, by kind. */
export async function exportWxr(db: Db, out: Writable, options: WxrExportOptions): Promise<Record<string, number>> {
  const batchSize = options.batchSize ?? 200;
  const base = options.baseUrl.replace(/\/+$/, '');
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  const settings = await getSiteSettings(db);
  const counts = { people: 0, blogs: 0, tags: 0, posts: 0, comments: 0 };

  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<!-- generator="Ytring" created="${(options.now ?? new Date()).toISOString()}" -->
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
\t<title>${escapeXml(settings.title)}</title>
\t<link>${escapeXml(base)}</link>
\t<description>${escapeXml(settings.description)}</description>
\t<pubDate>${rfc822((options.now ?? new Date()).toISOString())}</pubDate>
\t<language>${escapeXml(settings.language)}</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>${escapeXml(base)}</wp:base_site_url>
\t<wp:base_blog_url>${escapeXml(base)}</wp:base_blog_url>
`);
  // WordPress names authors by login; ours is the person's slug. Numbers are given in export order.
  const people = new Map<string, { login: string; number: number; guest: boolean }>();
  const logins = new Set<string>();
  let firstLogin: string | undefined;
  for await (const person of allRows(db, 'people', batchSize)) {
    const number = people.size + 1;
    const login = wpLogin(text(person.slug), logins);
    firstLogin ??= login;
    people.set(text(person.id), { login, number, guest: Number(person.is_guest) === 1 });
    await write(
      `\t<wp:author><wp:author_id>${number}</wp:author_id><wp:author_login>${cdata(login)}</wp:author_login><wp:author_email>${cdata(text(person.email))}</wp:author_email><wp:author_display_name>${cdata(text(person.name))}</wp:author_display_name><wp:author_first_name>${cdata('')}</wp:author_first_name><wp:author_last_name>${cdata('')}</wp:author_last_name></wp:author>\n`,
    );
    counts.people++;
  }
  const blogs = new Map<string, { slug: string; title: string }>();
  for await (const blog of allRows(db, 'blogs', batchSize)) {
    blogs.set(text(blog.id), { slug: text(blog.slug), title: text(blog.title) });
    await write(
      `\t<wp:category><wp:term_id>${blogs.size}</wp:term_id><wp:category_nicename>${cdata(text(blog.slug))}</wp:category_nicename><wp:category_parent>${cdata('')}</wp:category_parent><wp:cat_name>${cdata(text(blog.title))}</wp:cat_name></wp:category>\n`,
    );
    counts.blogs++;
  }
  const tags = new Map<string, { slug: string; name: string }>();
  for await (const tag of allRows(db, 'tags', batchSize)) {
    tags.set(text(tag.id), { slug: text(tag.slug), name: text(tag.name) });
    await write(
      `\t<wp:tag><wp:term_id>${blogs.size + tags.size}</wp:term_id><wp:tag_slug>${cdata(text(tag.slug))}</wp:tag_slug><wp:tag_name>${cdata(text(tag.name))}</wp:tag_name></wp:tag>\n`,
    );
    counts.tags++;
  }

  let postNumber = 0;
  let commentNumber = 0;
  let after: unknown[] | undefined;
  for (;;) {
    const posts = await readRowsAfter(db, 'posts', ['id'], after, 0, batchSize);
    const live = posts.filter((p) => !p.deleted_at);
    const ids = live.map((p) => p.id);
    const authors = await readRowsWhereIn(db, 'post_authors', 'post_id', ids, ['post_id', 'position']);
    const postTags = await readRowsWhereIn(db, 'post_tags', 'post_id', ids, ['post_id', 'position']);
    const comments = await readRowsWhereIn(db, 'comments', 'post_id', ids, ['post_id', 'id']);
    for (const post of live) {
      postNumber++;
      const blog = blogs.get(text(post.blog_id));
      const bylines = authors.filter((a) => a.post_id === post.id);
      const author = bylines[0];
      const link = `${base}/${blog?.slug ?? ''}/${text(post.slug)}`;
      const terms = [
        ...(blog ? [`\t\t<category domain="category" nicename="${escapeXml(blog.slug)}">${cdata(blog.title)}</category>\n`] : []),
        ...postTags
          .filter((t) => t.post_id === post.id)
          .flatMap((t) => {
            const tag = tags.get(text(t.tag_id));
            return tag ? [`\t\t<category domain="post_tag" nicename="${escapeXml(tag.slug)}">${cdata(tag.name)}</category>\n`] : [];
          }),
        ...coAuthorTerms(bylines, people),
      ];
      const numbers = new Map<string, number>();
      const own = comments.filter((c) => c.post_id === post.id);
      for (const comment of own) numbers.set(text(comment.id), ++commentNumber);
      const commentXml = own
        .map(
          (c) => `\t\t<wp:comment>
\t\t\t<wp:comment_id>${numbers.get(text(c.id))}</wp:comment_id>
\t\t\t<wp:comment_author>${cdata(text(c.author_name))}</wp:comment_author>
\t\t\t<wp:comment_author_email>${cdata(text(c.author_email))}</wp:comment_author_email>
\t\t\t<wp:comment_author_url></wp:comment_author_url>
\t\t\t<wp:comment_author_IP>${cdata('')}</wp:comment_author_IP>
\t\t\t<wp:comment_date>${cdata(wpLocalDate(c.created_at, settings.timeZone))}</wp:comment_date>
\t\t\t<wp:comment_date_gmt>${cdata(wpDate(c.created_at))}</wp:comment_date_gmt>
\t\t\t<wp:comment_content>${cdata(escapeHtml(text(c.body)))}</wp:comment_content>
\t\t\t<wp:comment_approved>${cdata(COMMENT_APPROVED[text(c.status)] ?? '0')}</wp:comment_approved>
\t\t\t<wp:comment_type>${cdata('comment')}</wp:comment_type>
\t\t\t<wp:comment_parent>${c.parent_id ? (numbers.get(text(c.parent_id)) ?? 0) : 0}</wp:comment_parent>
\t\t\t<wp:comment_user_id>0</wp:comment_user_id>
\t\t</wp:comment>\n`,
        )
        .join('');
      counts.comments += own.length;
      const date = post.published_at ?? post.created_at;
      await write(`\t<item>
\t\t<title>${escapeXml(text(post.title))}</title>
\t\t<link>${escapeXml(link)}</link>
\t\t<pubDate>${rfc822(post.published_at)}</pubDate>
\t\t<dc:creator>${cdata((author && people.get(text(author.person_id))?.login) ?? firstLogin ?? '')}</dc:creator>
\t\t<guid isPermaLink="false">${escapeXml(`${base}/?p=${postNumber}`)}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(markdown.render(text(post.body)))}</content:encoded>
\t\t<excerpt:encoded>${cdata(text(post.lead))}</excerpt:encoded>
\t\t<wp:post_id>${postNumber}</wp:post_id>
\t\t<wp:post_date>${cdata(wpLocalDate(date, settings.timeZone))}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(post.status === 'draft' ? '0000-00-00 00:00:00' : wpDate(date))}</wp:post_date_gmt>
\t\t<wp:comment_status>${cdata(Number(post.comments_open) === 1 ? 'open' : 'closed')}</wp:comment_status>
\t\t<wp:ping_status>${cdata('closed')}</wp:ping_status>
\t\t<wp:post_name>${cdata(text(post.slug))}</wp:post_name>
\t\t<wp:status>${cdata(POST_STATUS[text(post.status)] ?? 'draft')}</wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:menu_order>0</wp:menu_order>
\t\t<wp:post_type>${cdata('post')}</wp:post_type>
\t\t<wp:post_password>${cdata('')}</wp:post_password>
\t\t<wp:is_sticky>0</wp:is_sticky>
${terms.join('')}${bylinesMeta(bylines, people)}${commentXml}\t</item>
`);
      counts.posts++;
    }
    options.onProgress?.({ rows: counts.posts, totalRows: 0 });
    if (posts.length < batchSize) break;
    after = [posts[posts.length - 1]!.id];
  }
  await write('</channel>\n</rss>\n');
  return counts;
}

/**
 * Every author of a post with co-authors, as the Co-Authors Plus plugin keeps them: terms of its
 * `author` taxonomy, slug `cap-` and the login, named by the login, in byline order. WordPress with
 * the plugin shows the whole byline, and our importer reads it back. A post with one author has
 * none: plain WordPress's importer would report each such term as failed to import.
 */
function coAuthorTerms(bylines: Record<string, unknown>[], people: Map<string, { login: string }>): string[] {
  if (bylines.length < 2) return [];
  return bylines.flatMap((a) => {
    const login = people.get(text(a.person_id))?.login;
    return login ? [`\t\t<category domain="author" nicename="${escapeXml(`cap-${login}`)}">${cdata(login)}</category>\n`] : [];
  });
}

/**
 * A post's own byline words (its job title and organisation for each author, migration 000070, and
 * the byline note) and which authors are invited guest experts, as one postmeta, `_ytring_bylines`:
 * a JSON list of { login, jobTitle, organisation, note, guest? } in byline order, which the importer
 * reads back (wordpress-mapping.ts, bylineOf and guestLogins). WordPress keeps it as a hidden custom
 * field. Nothing when no byline has any of them.
 */
function bylinesMeta(bylines: Record<string, unknown>[], people: Map<string, { login: string; guest: boolean }>): string {
  const entries = bylines.map((a) => {
    const person = people.get(text(a.person_id));
    return {
      login: person?.login ?? '',
      jobTitle: text(a.job_title),
      organisation: text(a.organisation),
      note: text(a.byline_note),
      ...(person?.guest ? { guest: true } : {}),
    };
  });
  if (!entries.some((e) => e.jobTitle || e.organisation || e.note || 'guest' in e)) return '';
  return `\t\t<wp:postmeta><wp:meta_key>${cdata('_ytring_bylines')}</wp:meta_key><wp:meta_value>${cdata(JSON.stringify(entries))}</wp:meta_value></wp:postmeta>\n`;
}

/** Writes beside `path` first and renames at the end, so a failed export leaves no half file. */
export async function exportWxrToFile(db: Db, path: string, options: WxrExportOptions): Promise<Record<string, number>> {
  return writeFileAtomically(path, (out) => exportWxr(db, out, options));
}
