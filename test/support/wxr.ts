/** WXR files made for tests: small inline documents, and large generated exports for the memory and speed checks. */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const WP_NS = 'http://wordpress.org/export/1.2/';

/**
 * The shared fixtures folder (../shared/fixtures/wxr beside the repository), or undefined when it is
 * not there. In a linked git worktree "the repository" is the main checkout the worktree belongs to.
 */
export function fixturesDir(): string | undefined {
  const root = resolve(import.meta.dirname, '..', '..');
  const roots = [root];
  const dotGit = resolve(root, '.git');
  if (existsSync(dotGit) && statSync(dotGit).isFile()) {
    // "gitdir: /main/.git/worktrees/name" → /main
    const gitdir = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
    if (gitdir) roots.push(dirname(dirname(dirname(resolve(root, gitdir)))));
  }
  return roots.map((r) => resolve(r, '..', 'shared', 'fixtures', 'wxr')).find((dir) => existsSync(dir));
}

export function wxrDocument(channelExtra: string, items: string, options: { wpNamespace?: string; newline?: string } = {}): string {
  const ns = options.wpNamespace ?? WP_NS;
  const doc = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="${ns}excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="${ns}">
<channel>
<title>Test site</title>
<link>https://old.example.org</link>
<description>A test</description>
<language>da-DK</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://old.example.org</wp:base_site_url>
<wp:base_blog_url>https://old.example.org</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[admin]]></wp:author_login><wp:author_email><![CDATA[admin@example.org]]></wp:author_email><wp:author_display_name><![CDATA[Åse Admin]]></wp:author_display_name><wp:author_first_name><![CDATA[]]></wp:author_first_name><wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>
${channelExtra}${items}</channel>
</rss>
`;
  return options.newline ? doc.replace(/\n/g, options.newline) : doc;
}

export interface CommentSpec {
  id: number;
  parent?: number;
  approved?: string;
  type?: string;
  author?: string;
  content?: string;
  date?: string;
  userId?: number;
}

export function wxrComment(c: CommentSpec): string {
  return `<wp:comment><wp:comment_id>${c.id}</wp:comment_id><wp:comment_author><![CDATA[${c.author ?? `Læser ${c.id}`}]]></wp:comment_author><wp:comment_author_email><![CDATA[reader${c.id}@example.org]]></wp:comment_author_email><wp:comment_author_url></wp:comment_author_url><wp:comment_author_IP><![CDATA[192.0.2.1]]></wp:comment_author_IP><wp:comment_date><![CDATA[${c.date ?? '2015-03-01 10:00:00'}]]></wp:comment_date><wp:comment_date_gmt><![CDATA[${c.date ?? '2015-03-01 10:00:00'}]]></wp:comment_date_gmt><wp:comment_content><![CDATA[${c.content ?? `Kommentar ${c.id}`}]]></wp:comment_content><wp:comment_approved><![CDATA[${c.approved ?? '1'}]]></wp:comment_approved><wp:comment_type><![CDATA[${c.type ?? ''}]]></wp:comment_type><wp:comment_parent>${c.parent ?? 0}</wp:comment_parent><wp:comment_user_id>${c.userId ?? 0}</wp:comment_user_id></wp:comment>\n`;
}

export interface ItemSpec {
  id: number;
  title?: string;
  name?: string;
  type?: string;
  status?: string;
  date?: string;
  content?: string;
  link?: string;
  terms?: string;
  comments?: CommentSpec[];
}

export function wxrItem(i: ItemSpec): string {
  const date = i.date ?? '2015-02-01 12:00:00';
  return `<item>
<title>${i.title ?? `Indlæg ${i.id}`}</title>
<link>${i.link ?? `https://old.example.org/${date.slice(0, 4)}/${date.slice(5, 7)}/${i.name ?? `post-${i.id}`}/`}</link>
<pubDate>Sun, 01 Feb 2015 12:00:00 +0000</pubDate>
<dc:creator><![CDATA[admin]]></dc:creator>
<guid isPermaLink="false">https://old.example.org/?p=${i.id}</guid>
<description></description>
<content:encoded><![CDATA[${i.content ?? `Tekst til indlæg ${i.id}.`}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${i.id}</wp:post_id>
<wp:post_date><![CDATA[${date}]]></wp:post_date>
<wp:post_date_gmt><![CDATA[${date}]]></wp:post_date_gmt>
<wp:comment_status><![CDATA[open]]></wp:comment_status>
<wp:ping_status><![CDATA[open]]></wp:ping_status>
<wp:post_name><![CDATA[${i.name ?? `post-${i.id}`}]]></wp:post_name>
<wp:status><![CDATA[${i.status ?? 'publish'}]]></wp:status>
<wp:post_parent>0</wp:post_parent>
<wp:menu_order>0</wp:menu_order>
<wp:post_type><![CDATA[${i.type ?? 'post'}]]></wp:post_type>
<wp:post_password><![CDATA[]]></wp:post_password>
<wp:is_sticky>0</wp:is_sticky>
${i.terms ?? '<category domain="category" nicename="nyheder"><![CDATA[Nyheder]]></category>\n'}${(i.comments ?? []).map(wxrComment).join('')}</item>
`;
}

const PARAGRAPH =
  'Lorem ipsum dolor sit amet, <strong>consectetur</strong> adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Blåbærgrød og æbleskiver. ';

/**
 * Writes a large export of `items` posts, each with a body of about `bodyBytes` and
 * `commentsPerItem` comments (every second one a reply), streaming, so the test itself stays small.
 */
export async function writeLargeWxr(
  path: string,
  options: { items: number; commentsPerItem: number; bodyBytes: number; commentBytes?: number },
): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const [head, tail] = wxrDocument('', '\u0000').split('\u0000') as [string, string];
  await write(head);
  const paragraphs = Math.max(1, Math.round(options.bodyBytes / PARAGRAPH.length / 4));
  const body = Array.from({ length: 4 }, () => PARAGRAPH.repeat(paragraphs)).join('\n\n');
  const commentText = 'Ærlig talt, godt skrevet! Jeg er enig i det meste, men savner tal på <em>effekten</em>. '.repeat(
    Math.max(1, Math.round((options.commentBytes ?? 80) / 80)),
  );
  let commentId = 1;
  for (let i = 1; i <= options.items; i++) {
    const comments: CommentSpec[] = [];
    for (let c = 0; c < options.commentsPerItem; c++) {
      const id = commentId++;
      comments.push({ id, parent: c % 2 === 1 ? id - 1 : 0, content: `Kommentar ${id} til indlæg ${i}.\n\n${commentText}` });
    }
    const day = String(1 + (i % 28)).padStart(2, '0');
    await write(
      wxrItem({
        id: i,
        title: `Indlæg nummer ${i}`,
        date: `2014-${String(1 + (i % 12)).padStart(2, '0')}-${day} 10:00:00`,
        content: `${body}\n\nSlut ${i}.`,
        comments,
      }),
    );
  }
  await write(tail);
  out.end();
  await once(out, 'finish');
  return out.bytesWritten;
}
