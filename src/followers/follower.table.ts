export type FollowerStatus = 'pending' | 'confirmed' | 'stopped' | 'bounced';
export type FollowerFrequency = 'each' | 'weekly';
export type TopicKind = 'site' | 'blog' | 'author' | 'tag';

export interface FollowerTable {
  id: string;
  /** Normalised (trimmed, lower case); never shown on a public page or logged. */
  email: string;
  /** keyedHash(secret, 'email', email): the same hash comments use, so /privacy finds both. */
  email_hash: string;
  status: FollowerStatus;
  frequency: FollowerFrequency;
  created_at: string;
  confirmed_at: string | null;
  /** When the last confirmation mail was queued: at most one an hour. */
  confirm_sent_at: string | null;
  stopped_at: string | null;
  /** 'form' for the public form, or what an administrator's import said. */
  consent_source: string;
  consent_at: string | null;
  digest_sent_at: string | null;
}

export interface FollowerTopicTable {
  follower_id: string;
  kind: TopicKind;
  /** '' for the whole site, else the blog's, person's or tag's id. */
  target_id: string;
  created_at: string;
  confirmed_at: string | null;
}

export interface FollowerDeliveryTable {
  follower_id: string;
  post_id: string;
  outbox_id: string;
  created_at: string;
}

export interface FollowerFanoutTable {
  post_id: string;
  queued_at: string;
  /** The last follower id queued for this post: the next batch starts after it. */
  cursor: string;
  queued_count: number;
  done_at: string | null;
  cancelled_at: string | null;
}
