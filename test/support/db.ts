/** The databases integration tests run against: SQLite always, PostgreSQL when YTRING_TEST_POSTGRES_URL is set. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/config.js';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  config: DatabaseConfig;
  /** Removes the file or schema. */
  drop(): Promise<void>;
}

export const POSTGRES_URL = process.env.YTRING_TEST_POSTGRES_URL;
export const DIALECTS: readonly ('sqlite' | 'postgres')[] = POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** A fresh, empty database: a temporary SQLite file, or a new schema in the test PostgreSQL database. */
export async function createTestDatabase(name: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  if (name === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'ytring-test-'));
    const filename = join(dir, 'test.db');
    return {
      name,
      config: { dialect: 'sqlite', url: `sqlite:${filename}`, filename },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!POSTGRES_URL) throw new Error('YTRING_TEST_POSTGRES_URL is not set');
  // A database of its own per test file: schemas in one database would share Kysely's
  // introspection, which trips over another file's schema being dropped at the same moment.
  const name_ = `ytring_test_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try { await client.query(statement); } finally { await client.end(); }
  };
  await admin(`create database ${name_}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name_}`;
  return {
    name,
    config: { dialect: 'postgres', url: url.toString() },
    drop: () => admin(`drop database if exists ${name_} with (force)`),
  };
}
