import type { Db } from '../../storage/db.js';
import { readQuestionToken } from './question.js';
import { spendToken } from './spam.repository.js';

/**
 * When a reader's page asks for a new question in place of one it holds (a question already
 * sent, or one from a page old enough to have been shared by a cache), the new one may keep the
 * old one's start of writing, once: the old token is spent here, so each token passes its start on
 * to at most one successor and a bot gains nothing over simply waiting.
 */
export async function takeOverQuestionStart(
  db: Db,
  secret: string,
  fromToken: string | undefined,
  postId: string,
  now: Date,
): Promise<Date | undefined> {
  const old = readQuestionToken(secret, fromToken, now, postId);
  if (!old) return undefined;
  return (await spendToken(db, old.nonce, old.expiresAt)) ? old.startedAt : undefined;
}
