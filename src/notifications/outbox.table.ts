export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  /** JSON object of extra headers, e.g. List-Unsubscribe. */
  headers: string;
  created_at: string;
  sent_at: string | null;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
}
