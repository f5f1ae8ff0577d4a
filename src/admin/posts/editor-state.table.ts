export interface EditorStateTable {
  /** Random and unguessable: it travels in the address (?form=). */
  id: string;
  account_id: string;
  /** The post the form edits; null for a new post. */
  post_id: string | null;
  /** JSON of the form as the server would have shown it (editor-state.ts). */
  state: string;
  created_at: string;
}
