/** DATABASE_URL: which database a site uses, and where it is. */
export type DatabaseConfig = { dialect: 'sqlite'; url: string; filename: string } | { dialect: 'postgres'; url: string };

/** The lines of `ytring help` that name the databases. */
export const DATABASE_HELP = {
  url: 'sqlite:./data/ytring.db (default) or postgres://…',
  backup: 'backup FILE: an online copy of a running SQLite site (PostgreSQL: explains pg_dump)',
} as const;

/** The database of a site kept in `dataDir` when DATABASE_URL is not set. */
export const defaultDatabaseUrl = (dataDir: string): string => `sqlite:${dataDir}/ytring.db`;

/** The database `url` names, or what is wrong with it (with any password left out). */
export function parseDatabaseUrl(url: string): DatabaseConfig | { problem: string } {
  if (url.startsWith('sqlite:')) {
    const filename = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    return filename
      ? { dialect: 'sqlite', url, filename }
      : { problem: 'DATABASE_URL "sqlite:" needs a file name, e.g. sqlite:./data/ytring.db' };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', url };
  return { problem: `DATABASE_URL must start with sqlite: or postgres://, got "${url.replace(/\/\/[^@]*@/, '//…@')}"` };
}

/** `url` fit for a log or a terminal: a password in it is left out. */
export const withoutPassword = (url: string): string => url.replace(/(\/\/[^:/@]*:)[^@/]*@/, '$1…@');
