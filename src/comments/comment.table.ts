import type { Generated } from 'kysely';

export type CommentStatus = 'pending' | 'approved' | 'spam' | 'trash';

export interface CommentTable {
  id: string;
  post_id: string;
  parent_id: string | null;
  /** The top-level comment of the thread (itself for a top-level comment): one query loads a page's replies. */
  root_id: string;
  depth: number;
  author_name: string;
  /** Private: never on a public page, feed, JSON answer or log line. */
  author_email: string;
  /** Keyed hash of the normalised address: trust, blocklists and rate limits use it, never the address. */
  email_hash: string;
  person_id: string | null;
  badge: string | null;
  body: string;
  status: CommentStatus;
  spam_score: number;
  /** JSON array of the reasons behind the decision: layer, rule, score. */
  spam_reasons: string;
  /** Keyed hash of the IP address; set to null after the retention period. */
  ip_hash: string | null;
  created_at: string;
  updated_at: string;
  erased_at: string | null;
  /** When the writer last changed the text through their private link; null if never. */
  edited_at: string | null;
}

export interface UsedQuestionTokenTable {
  nonce: string;
  expires_at: string;
}

export interface RateLimitTable {
  key: string;
  window_start: string;
  hits: number;
}

export interface BlocklistTable {
  id: string;
  kind: 'word' | 'email' | 'domain' | 'ip';
  value: string;
  /** The blog the entry is for; '' for site-wide. */
  blog_id: Generated<string>;
  created_at: string;
}

/** How many submissions a spam layer stopped or judged, per UTC day (YYYY-MM-DD), outcome and post. */
export interface SpamEventCountTable {
  /** day|layer|outcome|post_id: the key the count is upserted on. */
  id: string;
  day: string;
  layer: string;
  outcome: string;
  post_id: string | null;
  count: number;
}

export interface CommentSubscriptionTable {
  id: string;
  comment_id: string;
  email: string;
  token_hash: string;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
}

/** What one moderation action changed, kept a short while so the moderator can undo it. */
export interface ModerationUndoTable {
  id: string;
  account_id: string;
  action: string;
  /** JSON: the comments' earlier status and reasons, spam counts added, blocklist entry added, mail queued. */
  changes: string;
  created_at: string;
  undone_at: string | null;
}

/** A comment's name and text before an edit. replaced_by is the editing account's id, or 'writer'. */
export interface CommentVersionTable {
  id: string;
  comment_id: string;
  author_name: string;
  body: string;
  replaced_at: string;
  replaced_by: string;
}
