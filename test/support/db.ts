/** The databases integration tests run against: SQLite always, PostgreSQL when YTRING_TEST_POSTGRES_URL is set. */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { Migrator } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/config.js';
import { openDb, type OpenDb } from '../../src/storage/db.js';
import { compareMigrationNames, migrateToLatest } from '../../src/storage/migrate.js';
import { migrations } from '../../src/storage/migrations/index.js';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  config: DatabaseConfig;
  /** Removes the file or schema. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /**
   * Start from the current schema, copied from a template migrated once per test process (a file
   * copy in SQLite, `create database … template` in PostgreSQL) instead of migrating anew: the
   * migrations cost more than most tests. Leave it off where the migrations themselves are tested.
   */
  migrated?: boolean;
}

export const POSTGRES_URL = process.env.YTRING_TEST_POSTGRES_URL;
export const DIALECTS: readonly ('sqlite' | 'postgres')[] = POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** Runs one statement on the PostgreSQL server of `serverUrl` (the test server unless named): making and dropping databases. */
export const adminQuery = async (statement: string, serverUrl = POSTGRES_URL) => {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
};
const postgresUrlOf = (database: string) => {
  const url = new URL(POSTGRES_URL!);
  url.pathname = `/${database}`;
  return url.toString();
};

const templates = new Map<'sqlite' | 'postgres', Promise<string>>();

/** The template for a dialect: a migrated SQLite file's path, or a migrated PostgreSQL database's name. */
function templateFor(name: 'sqlite' | 'postgres'): Promise<string> {
  let template = templates.get(name);
  if (!template) {
    template = makeTemplate(name);
    templates.set(name, template);
  }
  return template;
}

async function makeTemplate(name: 'sqlite' | 'postgres'): Promise<string> {
  const database = await newDatabase(name, 'ytring_template_');
  const open = openDb(database.config);
  try {
    await migrateToLatest(open.db, open.dialect);
  } finally {
    // Closing checkpoints SQLite's WAL into the file, and PostgreSQL copies only an unused template.
    await open.close();
  }
  let dropped = false;
  process.on('beforeExit', () => {
    if (!dropped) {
      dropped = true;
      void database.drop().catch(() => {});
    }
  });
  return database.config.dialect === 'sqlite' ? database.config.filename : new URL(database.config.url).pathname.slice(1);
}

/** A fresh database: a temporary SQLite file, or a new database in the test PostgreSQL server; empty unless `migrated`. */
export async function createTestDatabase(name: 'sqlite' | 'postgres', options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  return newDatabase(name, 'ytring_test_', options.migrated ? await templateFor(name) : undefined);
}

async function newDatabase(name: 'sqlite' | 'postgres', prefix: string, template?: string): Promise<TestDatabase> {
  if (name === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'ytring-test-'));
    const filename = join(dir, 'test.db');
    if (template) copyFileSync(template, filename);
    return {
      name,
      config: { dialect: 'sqlite', url: `sqlite:${filename}`, filename },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!POSTGRES_URL) throw new Error('YTRING_TEST_POSTGRES_URL is not set');
  // A database of its own per test file: schemas in one database would share Kysely's
  // introspection, which trips over another file's schema being dropped at the same moment.
  const name_ = `${prefix}${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name_}${template ? ` template ${template}` : ''}`);
  return {
    name,
    config: { dialect: 'postgres', url: postgresUrlOf(name_) },
    drop: () => adminQuery(`drop database if exists ${name_} with (force)`),
  };
}

/**
 * A migrated database of its own for the `describe` block that calls this: made and opened before
 * the block's tests, closed and dropped after them. Read `.db` inside tests.
 */
export function openedTestDatabase(dialect: 'sqlite' | 'postgres'): { readonly db: OpenDb['db'] } {
  let database: TestDatabase | undefined;
  let open: OpenDb | undefined;
  before(async () => {
    database = await createTestDatabase(dialect, { migrated: true });
    open = openDb(database.config);
  });
  after(async () => {
    await open?.close();
    await database?.drop();
  });
  return {
    get db() {
      if (!open) throw new Error('the test database is opened in before(); read .db inside a test');
      return open.db;
    },
  };
}

/**
 * Brings `db` up or down to the schema as it stood after migration `name`, for a test of a later
 * migration's upgrade (then migrateToLatest). The error, if any; undefined when it went through.
 */
export async function migrateTo(db: OpenDb['db'], name: string): Promise<unknown> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'ytring_migrations',
    migrationLockTableName: 'ytring_migrations_lock',
    nameComparator: compareMigrationNames,
  });
  return (await migrator.migrateTo(name)).error;
}
