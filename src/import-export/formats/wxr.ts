/** WordPress eXtended RSS (WXR 1.0–1.2): a streaming parser that turns an export into typed records, one at a time. */
import type { SaxesTagNS } from 'saxes';
import { attributeOf, childText as child, createRecordParser, readRecords, XmlRecordError, type XmlNode as Node } from './xml-records.js';

export interface WxrSite {
  title: string;
  link: string;
  description: string;
  language: string;
  wxrVersion: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
}

export interface WxrAuthor {
  id: string;
  login: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
}

export interface WxrTerm {
  /** category, post_tag, nav_menu, post_format … */
  taxonomy: string;
  id: string;
  slug: string;
  parent: string;
  name: string;
  description: string;
}

export interface WxrMeta {
  key: string;
  value: string;
}

export interface WxrComment {
  id: string;
  author: string;
  authorEmail: string;
  authorUrl: string;
  authorIp: string;
  date: string;
  dateGmt: string;
  content: string;
  /** 1, 0, spam, trash, post-trashed … */
  approved: string;
  /** '' or comment for comments; pingback, trackback … */
  type: string;
  parent: string;
  userId: string;
  meta: WxrMeta[];
}

export interface WxrItemTerm {
  domain: string;
  nicename: string;
  name: string;
}

export interface WxrItem {
  /** Line of the item's start tag, for messages. */
  line: number;
  title: string;
  link: string;
  guid: string;
  pubDate: string;
  creator: string;
  description: string;
  content: string;
  excerpt: string;
  postId: string;
  postDate: string;
  postDateGmt: string;
  commentStatus: string;
  pingStatus: string;
  postName: string;
  status: string;
  postParent: string;
  menuOrder: string;
  postType: string;
  postPassword: string;
  isSticky: boolean;
  /** An attachment's file on the old site ('' for other items). */
  attachmentUrl: string;
  terms: WxrItemTerm[];
  meta: WxrMeta[];
  comments: WxrComment[];
}

export type WxrRecord =
  | { kind: 'site'; site: WxrSite }
  | { kind: 'author'; author: WxrAuthor }
  | { kind: 'term'; term: WxrTerm }
  | { kind: 'item'; item: WxrItem };

/** A file that is not well-formed XML or not a WordPress export; carries where it went wrong. */
export class WxrParseError extends XmlRecordError {
  constructor(reason: string, line: number, column: number) {
    super(reason, line, column);
    this.name = 'WxrParseError';
  }
}

// Exports name their namespaces http:// or https://, and 1.0, 1.1 or 1.2: match the family, not the string.
function prefixOf(uri: string, prefix: string): string {
  const bare = uri.replace(/^https?:\/\//, '').replace(/\/?$/, '/');
  if (/^wordpress\.org\/export\/1\.\d+\/excerpt\/$/.test(bare)) return 'excerpt';
  if (/^wordpress\.org\/export\/1\.\d+\/$/.test(bare)) return 'wp';
  if (bare === 'purl.org/rss/1.0/modules/content/') return 'content';
  if (bare === 'purl.org/dc/elements/1.1/') return 'dc';
  if (bare === 'wellformedweb.org/commentapi/' || bare === 'wellformedweb.org/CommentAPI/') return 'wfw';
  return uri === '' ? '' : prefix;
}

const qualified = (tag: SaxesTagNS) => {
  const prefix = prefixOf(tag.uri, tag.prefix);
  return prefix ? `${prefix}:${tag.local}` : tag.local;
};

const RECORDS = new Set(['item', 'wp:author', 'wp:category', 'wp:tag', 'wp:term']);
const SITE_FIELDS: Record<string, keyof WxrSite> = {
  title: 'title',
  link: 'link',
  description: 'description',
  language: 'language',
  'wp:wxr_version': 'wxrVersion',
  'wp:base_site_url': 'baseSiteUrl',
  'wp:base_blog_url': 'baseBlogUrl',
};

const meta = (node: Node, name: string): WxrMeta[] =>
  node.children.filter((c) => c.name === name).map((m) => ({ key: child(m, 'wp:meta_key'), value: child(m, 'wp:meta_value') }));

function toAuthor(node: Node): WxrAuthor {
  return {
    id: child(node, 'wp:author_id').trim(),
    login: child(node, 'wp:author_login').trim(),
    email: child(node, 'wp:author_email').trim(),
    displayName: child(node, 'wp:author_display_name').trim(),
    firstName: child(node, 'wp:author_first_name').trim(),
    lastName: child(node, 'wp:author_last_name').trim(),
  };
}

function toTerm(node: Node): WxrTerm {
  if (node.name === 'wp:category') {
    return {
      taxonomy: 'category',
      id: child(node, 'wp:term_id').trim(),
      slug: child(node, 'wp:category_nicename').trim(),
      parent: child(node, 'wp:category_parent').trim(),
      name: child(node, 'wp:cat_name'),
      description: child(node, 'wp:category_description'),
    };
  }
  if (node.name === 'wp:tag') {
    return {
      taxonomy: 'post_tag',
      id: child(node, 'wp:term_id').trim(),
      slug: child(node, 'wp:tag_slug').trim(),
      parent: '',
      name: child(node, 'wp:tag_name'),
      description: child(node, 'wp:tag_description'),
    };
  }
  return {
    taxonomy: child(node, 'wp:term_taxonomy').trim(),
    id: child(node, 'wp:term_id').trim(),
    slug: child(node, 'wp:term_slug').trim(),
    parent: child(node, 'wp:term_parent').trim(),
    name: child(node, 'wp:term_name'),
    description: child(node, 'wp:term_description'),
  };
}

function toComment(node: Node): WxrComment {
  return {
    id: child(node, 'wp:comment_id').trim(),
    author: child(node, 'wp:comment_author'),
    authorEmail: child(node, 'wp:comment_author_email').trim(),
    authorUrl: child(node, 'wp:comment_author_url').trim(),
    authorIp: child(node, 'wp:comment_author_IP').trim(),
    date: child(node, 'wp:comment_date').trim(),
    dateGmt: child(node, 'wp:comment_date_gmt').trim(),
    content: child(node, 'wp:comment_content'),
    approved: child(node, 'wp:comment_approved').trim(),
    type: child(node, 'wp:comment_type').trim(),
    parent: child(node, 'wp:comment_parent').trim() || '0',
    userId: child(node, 'wp:comment_user_id').trim() || '0',
    meta: meta(node, 'wp:commentmeta'),
  };
}

function toItem(node: Node, line: number): WxrItem {
  return {
    line,
    title: child(node, 'title'),
    link: child(node, 'link').trim(),
    guid: child(node, 'guid').trim(),
    pubDate: child(node, 'pubDate').trim(),
    creator: child(node, 'dc:creator').trim(),
    description: child(node, 'description'),
    content: child(node, 'content:encoded'),
    excerpt: child(node, 'excerpt:encoded'),
    postId: child(node, 'wp:post_id').trim(),
    postDate: child(node, 'wp:post_date').trim(),
    postDateGmt: child(node, 'wp:post_date_gmt').trim(),
    commentStatus: child(node, 'wp:comment_status').trim(),
    pingStatus: child(node, 'wp:ping_status').trim(),
    postName: child(node, 'wp:post_name').trim(),
    status: child(node, 'wp:status').trim(),
    postParent: child(node, 'wp:post_parent').trim() || '0',
    menuOrder: child(node, 'wp:menu_order').trim() || '0',
    postType: child(node, 'wp:post_type').trim(),
    postPassword: child(node, 'wp:post_password'),
    isSticky: child(node, 'wp:is_sticky').trim() === '1',
    attachmentUrl: child(node, 'wp:attachment_url').trim(),
    terms: node.children
      .filter((c) => c.name === 'category')
      .map((c) => ({
        domain: attributeOf(c, 'domain') ?? 'category',
        nicename: attributeOf(c, 'nicename') ?? '',
        name: c.text,
      })),
    meta: meta(node, 'wp:postmeta'),
    comments: node.children.filter((c) => c.name === 'wp:comment').map(toComment),
  };
}

export interface WxrParser {
  /** Feeds text; records completed by it are handed to `onRecord` before this returns. Throws WxrParseError. */
  write(chunk: string): void;
  /** Ends the input; throws WxrParseError for a truncated file or one that is not a WordPress export. */
  close(): void;
}

/** A push parser: write text in, get records out, with memory bounded by the largest single item. */
export function createWxrParser(onRecord: (record: WxrRecord) => void): WxrParser {
  const site: WxrSite = { title: '', link: '', description: '', language: '', wxrVersion: '', baseSiteUrl: '', baseBlogUrl: '' };
  let siteSent = false;
  let sawChannel = false;
  let siteField: keyof WxrSite | undefined;
  const sendSite = () => {
    if (siteSent) return;
    siteSent = true;
    onRecord({ kind: 'site', site: { ...site } });
  };
  return createRecordParser({
    nameOf: qualified,
    error: (reason, line, column) => new WxrParseError(reason, line, column),
    startsRecord(path, tag, fail) {
      const name = path[path.length - 1]!;
      if (path.length === 1 && name !== 'rss') fail(`not a WordPress export: the document starts with <${tag.name}>, not <rss>`);
      if (path.length === 2 && name === 'channel') sawChannel = true;
      if (path.length !== 3 || path[1] !== 'channel') return false;
      if (RECORDS.has(name)) {
        sendSite();
        return true;
      }
      siteField = SITE_FIELDS[name];
      return false;
    },
    onText(path, text) {
      if (siteField && path.length === 3) site[siteField] += text;
    },
    onRecord(node, line, fail) {
      if (node.name === 'item') {
        if (!child(node, 'wp:post_id').trim() && !child(node, 'wp:post_type').trim()) {
          fail('not a WordPress export: an <item> without <wp:post_id> or <wp:post_type> (an RSS feed?)', line, 1);
        }
        onRecord({ kind: 'item', item: toItem(node, line) });
      } else if (node.name === 'wp:author') onRecord({ kind: 'author', author: toAuthor(node) });
      else onRecord({ kind: 'term', term: toTerm(node) });
    },
    onClose(path) {
      if (path.length === 3) siteField = undefined;
      if (path[path.length - 1] === 'channel') sendSite();
    },
    onEnd(fail) {
      if (!sawChannel) fail('not a WordPress export: no <rss><channel>');
      sendSite();
    },
  });
}

/** Reads records from text chunks (a file stream with an encoding set), a batch per chunk, so the caller's awaits pace the reading. */
export function readWxr(chunks: AsyncIterable<string>): AsyncGenerator<WxrRecord> {
  return readRecords(chunks, createWxrParser);
}
