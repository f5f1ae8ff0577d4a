/** Every migration, by name, in order. A static list so the compiled build needs no file scanning. */
import type { Migration } from 'kysely';
import * as createPublishing from './2026_11_29_000001_create_publishing.js';
import * as createComments from './2026_11_29_000002_create_comments.js';
import * as createSearch from './2026_11_29_000003_create_search.js';
import * as createImportSources from './2026_11_29_000004_create_import_sources.js';
import * as createAccounts from './2026_11_29_000005_create_accounts.js';
import * as trackContentVersion from './2026_11_29_000006_track_content_version.js';
import * as addPageIndexes from './2026_11_29_000007_add_page_indexes.js';
import * as pageCacheTables from './2026_12_04_000008_page_cache_tables.js';
import * as spamEventCounts from './2026_12_04_000009_spam_event_counts.js';
import * as commentLifecycle from './2026_12_04_000010_comment_lifecycle.js';
import * as foldText from './2026_12_04_000016_fold_text.js';
import * as featuredImages from './2026_12_05_000021_featured_images.js';
import * as previewLinks from './2026_12_05_000023_preview_links.js';
import * as peopleBylines from './2026_12_05_000024_people_bylines.js';
import * as followers from './2026_12_05_000025_followers.js';
import * as liveEvents from './2026_12_05_000026_live_events.js';
import * as moderationScopes from './2026_12_05_000027_moderation_scopes.js';
import * as fineInvalidation from './2026_12_05_000028_fine_invalidation.js';
import * as blocklistScopeDigests from './2026_12_05_000032_blocklist_scope_digests.js';
import * as liveEventsInCommitOrder from './2026_12_05_000050_live_events_in_commit_order.js';
import * as postTextTags from './2026_12_05_000055_post_text_tags.js';
import * as postAuthorTitles from './2026_12_05_000070_post_author_titles.js';
import * as uploadClaims from './2026_12_05_000075_upload_claims.js';
import * as redirectTargetsIndex from './2026_12_05_000080_redirect_targets_index.js';
import * as publishedPostsIndex from './2026_12_05_000085_published_posts_index.js';
import * as feedVersions from './2026_12_05_000086_feed_versions.js';
import * as keyedSpamTables from './2026_12_05_000090_keyed_spam_tables.js';
import * as tagPostCounts from './2026_12_05_000093_tag_post_counts.js';
import * as blogPostCounts from './2026_12_05_000094_blog_post_counts.js';
import * as editorStates from './2026_12_05_000099_editor_states.js';
import * as dropCommentsUpdatedIndex from './2026_12_05_000103_drop_comments_updated_index.js';
import * as recentSearchWindow from './2026_12_05_000104_recent_search_window.js';
import * as blogNeighboursIndex from './2026_12_06_000105_blog_neighbours_index.js';
import * as auditLogTimeIdIndex from './2026_12_06_000106_audit_log_time_id_index.js';
import * as blocklistBlogIndex from './2026_12_06_000107_blocklist_blog_index.js';
import * as postThreadCounts from './2026_12_06_000108_post_thread_counts.js';
import * as searchFacets from './2026_12_06_000109_search_facets.js';
import * as searchIndexFill from './2026_12_07_000110_search_index_fill.js';
import * as threadRevisions from './2026_12_07_000111_thread_revisions.js';

export const migrations: Record<string, Migration> = {
  '2026_11_29_000001_create_publishing': createPublishing,
  '2026_11_29_000002_create_comments': createComments,
  '2026_11_29_000003_create_search': createSearch,
  '2026_11_29_000004_create_import_sources': createImportSources,
  '2026_11_29_000005_create_accounts': createAccounts,
  '2026_11_29_000006_track_content_version': trackContentVersion,
  '2026_11_29_000007_add_page_indexes': addPageIndexes,
  '2026_12_04_000008_page_cache_tables': pageCacheTables,
  '2026_12_04_000009_spam_event_counts': spamEventCounts,
  '2026_12_04_000010_comment_lifecycle': commentLifecycle,
  '2026_12_04_000016_fold_text': foldText,
  '2026_12_05_000021_featured_images': featuredImages,
  '2026_12_05_000023_preview_links': previewLinks,
  '2026_12_05_000024_people_bylines': peopleBylines,
  '2026_12_05_000025_followers': followers,
  '2026_12_05_000026_live_events': liveEvents,
  '2026_12_05_000027_moderation_scopes': moderationScopes,
  '2026_12_05_000028_fine_invalidation': fineInvalidation,
  '2026_12_05_000032_blocklist_scope_digests': blocklistScopeDigests,
  '2026_12_05_000050_live_events_in_commit_order': liveEventsInCommitOrder,
  '2026_12_05_000055_post_text_tags': postTextTags,
  '2026_12_05_000070_post_author_titles': postAuthorTitles,
  '2026_12_05_000075_upload_claims': uploadClaims,
  '2026_12_05_000080_redirect_targets_index': redirectTargetsIndex,
  '2026_12_05_000085_published_posts_index': publishedPostsIndex,
  '2026_12_05_000086_feed_versions': feedVersions,
  '2026_12_05_000090_keyed_spam_tables': keyedSpamTables,
  '2026_12_05_000093_tag_post_counts': tagPostCounts,
  '2026_12_05_000094_blog_post_counts': blogPostCounts,
  '2026_12_05_000099_editor_states': editorStates,
  '2026_12_05_000103_drop_comments_updated_index': dropCommentsUpdatedIndex,
  '2026_12_05_000104_recent_search_window': recentSearchWindow,
  '2026_12_06_000105_blog_neighbours_index': blogNeighboursIndex,
  '2026_12_06_000106_audit_log_time_id_index': auditLogTimeIdIndex,
  '2026_12_06_000107_blocklist_blog_index': blocklistBlogIndex,
  '2026_12_06_000108_post_thread_counts': postThreadCounts,
  '2026_12_06_000109_search_facets': searchFacets,
  '2026_12_07_000110_search_index_fill': searchIndexFill,
  '2026_12_07_000111_thread_revisions': threadRevisions,
};
