import { randomBytes } from 'node:crypto';
import type { Db } from '../storage/db.js';
import { readSecretRow, insertSecretRowIfMissing } from './setting.repository.js';

/**
 * The site secret signs question tokens and keys the e-mail and IP hashes. YTRING_SECRET wins;
 * otherwise one is generated on first start and kept in the database, so every instance that
 * shares the database agrees on it.
 */
export async function ensureSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const existing = await readSecretRow(db);
  if (existing) return existing;
  await insertSecretRowIfMissing(db, randomBytes(32).toString('base64url'), new Date().toISOString());
  // Another instance may have won the race: read back whichever secret was stored.
  return (await readSecretRow(db))!;
}

/** The secret kept in the database, if one has been generated; read only, never creates one. */
export async function findStoredSecret(db: Db): Promise<string | undefined> {
  return readSecretRow(db);
}
