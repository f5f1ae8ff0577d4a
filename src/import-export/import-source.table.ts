export interface ImportSourceTable {
  /** The site an import came from, e.g. `wxr:https://example.org`. */
  source: string;
  /** author, post, comment … */
  kind: string;
  /** The id in the source (a WordPress post id, an author login). */
  source_id: string;
  /** The Ytring id it became. */
  target_id: string;
  created_at: string;
}
