/** Counters in fixed windows, shared by every instance through the database: spam defence and login throttling use them. */
import type { Db } from '../../storage/db.js';
import { clearRateLimit, hitRateLimit, unhitRateLimit } from './spam.repository.js';

export const countHit = (db: Db, key: string, now: Date, windowMs: number): Promise<number> => hitRateLimit(db, key, now, windowMs);
/** Takes one hit back: for an attempt counted up front that turned out to be fine. */
export const uncountHit = (db: Db, key: string): Promise<void> => unhitRateLimit(db, key);
export const forgetHits = (db: Db, key: string): Promise<void> => clearRateLimit(db, key);
