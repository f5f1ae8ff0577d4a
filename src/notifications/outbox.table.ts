export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  /** An HTML part beside the text (migration 000025); null for plain-text mail. */
  html_body: string | null;
  /** JSON object of extra headers, e.g. List-Unsubscribe. */
  headers: string;
  created_at: string;
  sent_at: string | null;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
}
