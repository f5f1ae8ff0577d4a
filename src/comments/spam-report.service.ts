import type { Db } from '../storage/db.js';
import { countSpamEvents } from './spam/spam.repository.js';

export interface SpamReportRow {
  layer: string;
  /** rejected: turned away at the form; held or spam: stored for a moderator. */
  outcome: string;
  count: number;
}

/** How many submissions each layer of the spam defence stopped or judged, optionally since a time. */
export async function getSpamReport(db: Db, since?: Date): Promise<SpamReportRow[]> {
  return countSpamEvents(db, since);
}
