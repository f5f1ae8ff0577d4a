import type { Generated } from 'kysely';
import type { Role } from './account.js';

export interface AccountTable {
  id: string;
  person_id: string;
  email: string;
  password_hash: string | null;
  role: Role;
  blog_scope: string | null;
  created_at: string;
  updated_at: string;
  disabled_at: string | null;
  /** How the person hears of comments waiting for moderation. */
  comment_mail: Generated<'each' | 'hourly' | 'daily' | 'none'>;
  /** When the last moderation digest went out. */
  comment_digest_at: string | null;
}

export interface SessionTable {
  /** SHA-256 of the session id: a stolen database holds no usable session. */
  id_hash: string;
  account_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface AccountTokenTable {
  token_hash: string;
  account_id: string;
  kind: 'reset' | 'invite';
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  account_id: string | null;
  actor_name: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  summary: string;
}

export interface PostRevisionTable {
  id: string;
  post_id: string;
  created_at: string;
  account_id: string | null;
  kind: 'save' | 'autosave' | 'restore';
  snapshot: string;
}

export interface UploadTable {
  id: string;
  file_name: string;
  content_type: string;
  width: number;
  height: number;
  bytes: number;
  variants: string;
  alt: string;
  account_id: string | null;
  created_at: string;
}
