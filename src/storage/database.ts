/** The table map: every module's tables, as Kysely sees them. */
import type {
  BlocklistTable,
  CommentSubscriptionTable,
  CommentTable,
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
import type { PersonTable } from '../people/person.table.js';
import type {
  InfoBoxContactTable,
  InfoBoxTable,
  PostAuthorTable,
  PostLanguageColumn,
  PostTable,
  PostTagTable,
  RelatedLinkTable,
  TagTable,
} from '../posts/post.table.js';
import type { RedirectTable } from '../redirects/redirect.table.js';
import type { SearchDocumentTable } from '../search/search.table.js';
import type { SettingTable } from '../settings/setting.table.js';

export interface Database {
  people: PersonTable;
  blogs: BlogTable;
  blog_owners: BlogOwnerTable;
  posts: PostTable & PostLanguageColumn;
  post_authors: PostAuthorTable;
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
  /** SQLite only: the counter the content triggers bump (PostgreSQL notifies instead). */
  content_version: { id: number; version: number };
}
