/** The columns both dialects' search_documents share; each dialect's index columns stay in storage/dialects/search-*.ts. */
export interface SearchDocumentTable {
  post_id: string;
  /** The analyser the post's terms were made with: 'da' or 'en' (stemmed), or 'simple' (only folded). */
  language: string;
  /** The body as plain text, for snippets. */
  body_text: string;
}
