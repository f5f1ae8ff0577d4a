import type { ColumnType } from 'kysely';

export interface PersonTable {
  id: string;
  slug: string;
  name: string;
  initials: string;
  job_title: string;
  organisation: string;
  bio: string;
  avatar_path: string | null;
  /** Private: never rendered on a public page, feed or API answer. */
  email: string | null;
  phone: string;
  /** 1 for an invited guest expert, marked as such in bylines. */
  is_guest: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
}
