/** The one list of what a Ytring export carries. A module that adds a table adds it here (or to NOT_EXPORTED, saying why). */
import type { Database } from '../storage/database.js';

export interface ExportedTable {
  name: keyof Database;
  /** The primary key: rows are written in its order. */
  key: readonly string[];
}

/** Parents before children, so a restore inserts in this order and every foreign key finds its row. */
export const EXPORTED_TABLES: readonly ExportedTable[] = [
  { name: 'settings', key: ['key'] },
  { name: 'people', key: ['id'] },
  { name: 'blogs', key: ['id'] },
  { name: 'blog_owners', key: ['blog_id', 'person_id'] },
  { name: 'posts', key: ['id'] },
  { name: 'post_authors', key: ['post_id', 'person_id'] },
  { name: 'tags', key: ['id'] },
  { name: 'post_tags', key: ['post_id', 'tag_id'] },
  { name: 'related_links', key: ['id'] },
  { name: 'info_boxes', key: ['id'] },
  { name: 'info_box_contacts', key: ['id'] },
  { name: 'comments', key: ['id'] },
  { name: 'comment_subscriptions', key: ['id'] },
  { name: 'comment_versions', key: ['id'] },
  { name: 'redirects', key: ['from_path'] },
  { name: 'blocklist', key: ['id'] },
  { name: 'import_sources', key: ['source', 'kind', 'source_id'] },
  { name: 'accounts', key: ['id'] },
  { name: 'post_revisions', key: ['id'] },
  { name: 'uploads', key: ['id'] },
  { name: 'audit_log', key: ['id'] },
  { name: 'demo_items', key: ['item_type', 'item_id'] },
  // Readers who follow by e-mail, with their consent: a moved site keeps its followers.
  { name: 'followers', key: ['id'] },
  { name: 'follower_topics', key: ['follower_id', 'kind', 'target_id'] },
];

/**
 * Left out: short-lived state (spent question tokens, rate-limit windows, spam statistics, mail in
 * flight, log-in sessions and one-time tokens, moderation undo records), the page caches' change counters
 * and live-comment events, followers' mail in flight (a restored site mails no one about old posts), preview
 * links (secrets a restored site issues anew), the search index and how far a fill of it has come, which a restore rebuilds, and claims on
 * uploads' background work (a restored site makes any missing AVIF copies again), and the feeds' dates
 * of their current bodies (a restored site dates each feed from its newest entry again), the tags' and blogs' counts
 * of published posts, the posts' counts of threads and the threads' revisions (the database's triggers count the restored rows), and post editor forms kept for a day so
 * their POST can redirect (a typist's half-done form, not content).
 */
export const NOT_EXPORTED: readonly (keyof Database)[] = [
  'used_question_tokens',
  'rate_limits',
  'spam_event_counts',
  'moderation_undos',
  'outbox',
  'sessions',
  'account_tokens',
  'search_documents',
  'content_version',
  'content_changes',
  'live_events',
  'follower_deliveries',
  'follower_fanouts',
  'post_preview_links',
  'upload_claims',
  'feed_versions',
  'tag_post_counts',
  'blog_post_counts',
  'post_thread_counts',
  'thread_revisions',
  'editor_states',
  'search_index_fill',
];

/**
 * Columns that are private: an export holds them (a restore needs them), so the file must be
 * kept like a backup, never published. The header names them so whoever handles the file knows.
 */
export const PRIVATE_COLUMNS: Partial<Record<keyof Database, readonly string[]>> = {
  settings: ['value (instance.secret)'],
  people: ['email', 'phone'],
  accounts: ['email', 'password_hash'],
  comments: ['author_email', 'email_hash', 'ip_hash'],
  comment_subscriptions: ['email'],
  followers: ['email', 'email_hash'],
  blocklist: ['value'],
};

/** Tables whose rows may already exist in an "empty" site: a started site has stored its secret among the settings. */
export const REPLACED_ON_RESTORE: readonly (keyof Database)[] = ['settings'];
