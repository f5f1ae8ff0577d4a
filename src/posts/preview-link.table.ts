export interface PreviewLinkTable {
  id: string;
  post_id: string;
  /** keyedHash of the token: the token itself is shown once and never stored. */
  token_hash: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  account_id: string | null;
}
