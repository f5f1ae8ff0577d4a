/**
 * Post editor forms the server showed back instead of saving (a refused save, a row button, the
 * preview, the no-script search or featured upload), kept so the POST can answer 303 to a GET that
 * shows them: Back, Reload and the history then never resend a form, and nothing typed is lost.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../storage/db.js';
import type { FeaturedForm } from '../media/featured-form.js';
import { deleteEditorStateRowsBefore, findEditorStateRow, insertEditorStateRow, trimEditorStateRows } from './editor-state.repository.js';
import type { PostForm } from './post-form.js';
import { POST_PROBLEMS, type PostErrors } from './post-problems.js';

/** Long enough for lunch, a meeting or Back the next morning; the scheduled job removes older ones. */
export const EDITOR_STATE_TTL_MS = 24 * 60 * 60 * 1000;
/** A person rarely has more forms open than this; older ones go, so one account's rows stay bounded. */
const KEPT_PER_ACCOUNT = 30;
/** 144 random bits, base64url: the id is the address's only secret besides the session. */
const FORM_ID = /^[A-Za-z0-9_-]{24}$/;

export interface EditorState {
  form: PostForm;
  errors: PostErrors;
  featured: FeaturedForm;
  focus?: string;
  /** The preview button was pressed: the GET renders the body's Markdown again. */
  preview?: boolean;
  uploaded?: boolean;
  peopleQuery?: string;
  searchedInsteadOfSave?: boolean;
}

/** Keeps the state for this account and post (null: a new post) and says its id. */
export async function keepEditorState(
  db: Db,
  accountId: string,
  postId: string | null,
  state: EditorState,
  now = new Date(),
): Promise<string> {
  const id = randomBytes(18).toString('base64url');
  await insertEditorStateRow(db, {
    id,
    account_id: accountId,
    post_id: postId,
    state: JSON.stringify(state),
    created_at: now.toISOString(),
  });
  await trimEditorStateRows(db, accountId, KEPT_PER_ACCOUNT);
  return id;
}

/** The state, if the id is this account's for this post and not expired; anything else is undefined, never someone else's form. */
export async function findEditorState(
  db: Db,
  accountId: string,
  postId: string | null,
  id: string,
  now = new Date(),
): Promise<EditorState | undefined> {
  if (!FORM_ID.test(id)) return undefined;
  const since = new Date(now.getTime() - EDITOR_STATE_TTL_MS).toISOString();
  const row = await findEditorStateRow(db, id, accountId, postId, since);
  if (!row) return undefined;
  const state = JSON.parse(row.state) as EditorState;
  // Problem codes from an older version of the editor that no longer exist read as "invalid".
  const known = POST_PROBLEMS as readonly string[];
  state.errors = Object.fromEntries(Object.entries(state.errors).map(([field, code]) => [field, known.includes(code) ? code : 'invalid']));
  return state;
}

/** Removes states past their time; the scheduled jobs call it. */
export async function pruneEditorStates(db: Db, now = new Date()): Promise<number> {
  return deleteEditorStateRowsBefore(db, new Date(now.getTime() - EDITOR_STATE_TTL_MS).toISOString());
}
