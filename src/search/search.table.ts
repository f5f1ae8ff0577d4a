/** The columns both dialects' search_documents share; each dialect's index columns stay in storage/dialects/search-*.ts. */
export interface SearchDocumentTable {
  post_id: string;
  /** The language the post's terms were stemmed as: 'da' or 'en'. */
  language: string;
  /** The body as plain text, for snippets. */
  body_text: string;
}
