/** The table map: every module's tables, as Kysely sees them. */
import type { Generated } from 'kysely';
import type {
  BlocklistTable,
  CommentSubscriptionTable,
  CommentTable,
  CommentVersionTable,
  ModerationUndoTable,
  RateLimitTable,
  SpamEventCountTable,
  UsedQuestionTokenTable,
} from '../comments/comment.table.js';
import type { FollowerDeliveryTable, FollowerFanoutTable, FollowerTable, FollowerTopicTable } from '../followers/follower.table.js';
import type { ImportSourceTable } from '../import-export/import-source.table.js';
import type { OutboxTable } from '../notifications/outbox.table.js';
import type {
  AccountTable,
  AccountTokenTable,
  AuditLogTable,
  PostRevisionTable,
  SessionTable,
  UploadTable,
} from '../accounts/account.table.js';
import type { BlogOwnerTable, BlogTable } from '../blogs/blog.table.js';
import type { DemoItemTable } from '../demo/demo.table.js';
import type { PersonTable } from '../people/person.table.js';
import type {
  InfoBoxContactTable,
  InfoBoxTable,
  PostAuthorTable,
  PostAuthorTitleColumns,
  PostLanguageColumn,
  PostTable,
  PostTagTable,
  RelatedLinkTable,
  TagTable,
} from '../posts/post.table.js';
import type { PreviewLinkTable } from '../posts/preview-link.table.js';
import type { EditorStateTable } from '../admin/posts/editor-state.table.js';
import type { RedirectTable } from '../redirects/redirect.table.js';
import type { SearchDocumentTable } from '../search/search.table.js';
import type { PostFeaturedImageColumns } from '../uploads/featured-image.table.js';
import type { UploadClaimTable } from '../uploads/upload-claim.table.js';
import type { SettingTable } from '../settings/setting.table.js';

export interface Database {
  people: PersonTable;
  demo_items: DemoItemTable;
  blogs: BlogTable;
  blog_owners: BlogOwnerTable;
  posts: PostTable & PostLanguageColumn & PostFeaturedImageColumns;
  post_authors: PostAuthorTable & PostAuthorTitleColumns;
  tags: TagTable;
  post_tags: PostTagTable;
  related_links: RelatedLinkTable;
  info_boxes: InfoBoxTable;
  info_box_contacts: InfoBoxContactTable;
  redirects: RedirectTable;
  settings: SettingTable;
  comments: CommentTable;
  used_question_tokens: UsedQuestionTokenTable;
  rate_limits: RateLimitTable;
  blocklist: BlocklistTable;
  spam_event_counts: SpamEventCountTable;
  comment_subscriptions: CommentSubscriptionTable;
  moderation_undos: ModerationUndoTable;
  comment_versions: CommentVersionTable;
  outbox: OutboxTable;
  followers: FollowerTable;
  follower_topics: FollowerTopicTable;
  follower_deliveries: FollowerDeliveryTable;
  follower_fanouts: FollowerFanoutTable;
  search_documents: SearchDocumentTable;
  import_sources: ImportSourceTable;
  accounts: AccountTable;
  sessions: SessionTable;
  account_tokens: AccountTokenTable;
  audit_log: AuditLogTable;
  post_revisions: PostRevisionTable;
  uploads: UploadTable;
  upload_claims: UploadClaimTable;
  post_preview_links: PreviewLinkTable;
  /** SQLite only: the counter the content triggers bump (PostgreSQL notifies instead). */
  content_version: { id: number; version: number };
  /** What changed, by tag, for the page caches (SQLite; written by triggers, read by storage/content-version.ts). */
  content_changes: { seq: number; tag: string };
  /** Migration 000026: approvals and moderation-queue changes, written by trigger, for the live channel. */
  live_events: { seq: Generated<number | string>; kind: 'approved' | 'queue'; post_id: string; comment_id: string; created_at: string };
  /** Migration 000086: each feed's current body (by ETag) and since when, its Last-Modified (feeds/feed.repository.ts). */
  feed_versions: { path: string; etag: string; since: string };
  /** Published posts per tag, kept by triggers (000093). */
  tag_post_counts: { tag_id: string; posts: number };
  /** Published posts per blog, kept by triggers (000094). */
  blog_post_counts: { blog_id: string; posts: number };
  /** Approved top-level comments per post, kept by triggers (000108): its comment pages and a new comment's page. */
  post_thread_counts: { post_id: string; threads: number };
  thread_revisions: { root_id: string; revision: number };
  /** Migration 000110: while the search index is being filled from the posts, one row with the last post reached (search/index-fill.ts). */
  search_index_fill: { id: number; after_post_id: string };
  /** Migration 000099: post editor forms shown back, for the GET their POST redirects to (admin/posts/editor-state.ts). */
  editor_states: EditorStateTable;
}
