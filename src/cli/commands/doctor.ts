/** `ytring doctor`: checks what a site needs to run and says in plain words what to fix. */
import { randomBytes } from 'node:crypto';
import { stat, statfs, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, type Config } from '../../config.js';
import { outboxBacklog, verifySmtp } from '../../notifications/mail.service.js';
import { findStoredSecret } from '../../settings/secret.js';
import { databaseVersion, missingDatabaseFile, openDb, type Db } from '../../storage/db.js';
import { withoutPassword } from '../../storage/database-url.js';
import { newerMigrations, pendingMigrations } from '../../storage/migrate.js';

export interface Finding {
  level: 'ok' | 'warning' | 'problem';
  topic: string;
  text: string;
  fix?: string;
}

const MB = 1024 * 1024;
const LOW_SPACE = 1024 * MB;
const TOO_LITTLE_SPACE = 100 * MB;

const reason = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
};

/** Rejects after `ms`, so one check that hangs (a firewall dropping packets) cannot hang the rest. */
function within<T>(ms: number, work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function checkDatabase(config: Config, findings: Finding[]): Promise<{ db: Db; close(): Promise<void> } | undefined> {
  const missing = missingDatabaseFile(config.database);
  if (missing) {
    findings.push({
      level: 'warning',
      topic: 'Database',
      text: `There is no database file at ${missing} yet.`,
      fix: 'Run "ytring migrate" or "ytring start" to create it, or correct DATABASE_URL if the site lives elsewhere.',
    });
    return undefined;
  }
  const database = openDb(config.database);
  try {
    const version = await within(10_000, databaseVersion(database.db), 'The database');
    findings.push({ level: 'ok', topic: 'Database', text: `${version} answers at ${withoutPassword(config.database.url)}.` });
  } catch (error) {
    await database.close().catch(() => {});
    findings.push({
      level: 'problem',
      topic: 'Database',
      text: `Cannot reach the database at ${withoutPassword(config.database.url)} (${reason(error)}).`,
      fix: 'Check DATABASE_URL (host, port, database name, user and password), that the database server runs, and that this machine may connect to it.',
    });
    return undefined;
  }
  const db = database.db;
  try {
    const [pending, newer] = await Promise.all([pendingMigrations(db), newerMigrations(db)]);
    if (newer.length > 0 && pending.length === 0) {
      findings.push({
        level: 'warning',
        topic: 'Migrations',
        text: `A newer Ytring has migrated the database (${newer.join(', ')}); this build runs on it because migrations only add.`,
        fix: 'Nothing, while rolling back or upgrading instance by instance; otherwise deploy the newer version everywhere.',
      });
    } else if (newer.length > 0) {
      findings.push({
        level: 'problem',
        topic: 'Migrations',
        text: `A newer Ytring has migrated the database (${newer.join(', ')}), but it lacks ${pending.join(', ')} of this build, so this build will not start.`,
        fix: 'Run the newer version, or restore the backup taken before the upgrade.',
      });
    } else if (pending.length === 0) findings.push({ level: 'ok', topic: 'Migrations', text: 'The database schema is up to date.' });
    else
      findings.push({
        level: 'warning',
        topic: 'Migrations',
        text: `${pending.length} migration(s) have not run: ${pending.join(', ')}.`,
        fix: '"ytring start" runs them; to run them now, "ytring migrate". Until then /readyz answers 503.',
      });
  } catch (error) {
    findings.push({ level: 'problem', topic: 'Migrations', text: `Could not read which migrations have run (${reason(error)}).` });
  }
  return { db, close: () => database.close() };
}

export async function checkUploads(dir: string, findings: Finding[]): Promise<void> {
  const topic = 'Uploads folder';
  const full = resolve(dir);
  // The folder is made at the first upload: then its nearest existing parent must be a writable folder.
  let existing = full;
  for (;;) {
    const info = await stat(existing).catch((error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' || error.code === 'ENOTDIR' ? undefined : Promise.reject(error),
    );
    if (info) {
      if (!info.isDirectory()) {
        findings.push({
          level: 'problem',
          topic,
          text: `${existing} is a file, not a folder, so images cannot be stored in ${full}.`,
          fix: 'Point UPLOADS_DIR at a folder (or a place where one can be made).',
        });
        return;
      }
      break;
    }
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  const probe = join(existing, `.ytring-doctor-${randomBytes(6).toString('hex')}`);
  try {
    // Writing is the only test that holds for every user, root included, and for read-only mounts.
    await writeFile(probe, '');
    await unlink(probe);
  } catch (error) {
    findings.push({
      level: 'problem',
      topic,
      text: `Cannot write in ${existing} (${reason(error)}).`,
      fix: `Give the user that runs Ytring write access to ${full}, or point UPLOADS_DIR elsewhere.`,
    });
    return;
  }
  const space = await statfs(existing);
  const free = space.bavail * space.bsize;
  const where = existing === full ? full : `${full} (to be made in ${existing})`;
  const freeText = free >= 10 * LOW_SPACE ? `${Math.floor(free / LOW_SPACE)} GB` : `${Math.floor(free / MB)} MB`;
  if (free < TOO_LITTLE_SPACE)
    findings.push({
      level: 'problem',
      topic,
      text: `Only ${freeText} free for ${where}.`,
      fix: 'Free some space or move UPLOADS_DIR to a larger disk: uploads will soon fail.',
    });
  else if (free < LOW_SPACE)
    findings.push({
      level: 'warning',
      topic,
      text: `${freeText} free for ${where}: not much.`,
      fix: 'Free some space or move UPLOADS_DIR to a larger disk.',
    });
  else findings.push({ level: 'ok', topic, text: `${where} is writable, ${freeText} free.` });
}

export async function checkSmtp(smtpUrl: string | undefined, findings: Finding[]): Promise<void> {
  const topic = 'Mail server';
  if (!smtpUrl) {
    findings.push({
      level: 'warning',
      topic,
      text: 'SMTP_URL is not set: mail (replies, confirmations, password links) is kept in the outbox and not sent.',
      fix: 'Set SMTP_URL, e.g. smtp://user:password@mail.example.org:587.',
    });
    return;
  }
  const host = (() => {
    try {
      const url = new URL(smtpUrl);
      return `${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 587)}`;
    } catch {
      return 'the SMTP_URL address';
    }
  })();
  try {
    await within(15_000, verifySmtp(smtpUrl), 'The mail server');
    findings.push({
      level: 'ok',
      topic,
      text: `${host} accepts a connection${/\/\/[^/]*@/.test(smtpUrl) ? ' and the login' : ''} (nothing was sent).`,
    });
  } catch (error) {
    findings.push({
      level: 'problem',
      topic,
      text: `Could not connect to the mail server at ${host} (${reason(error)}).`,
      fix: 'Check SMTP_URL (host, port, user name and password, smtp:// or smtps://) and that the mail server accepts connections from this machine.',
    });
  }
}

export async function checkSecret(config: Config, db: Db | undefined, findings: Finding[]): Promise<void> {
  const topic = 'Secret';
  const stored = db ? await findStoredSecret(db).catch(() => undefined) : undefined;
  if (config.secret) {
    if (new Set(config.secret).size < 10) {
      findings.push({
        level: 'problem',
        topic,
        text: 'YTRING_SECRET is long enough but made of very few different characters: it could be guessed.',
        fix: 'Use a random one, e.g. the output of: openssl rand -base64 32',
      });
    } else if (stored && stored !== config.secret) {
      findings.push({
        level: 'warning',
        topic,
        text: 'YTRING_SECRET differs from the secret stored in the database. Instances started without YTRING_SECRET use the stored one, and their links and question tokens would not be accepted by this one.',
        fix: 'Set the same YTRING_SECRET on every instance.',
      });
    } else {
      findings.push({ level: 'ok', topic, text: 'YTRING_SECRET is set.' });
    }
    return;
  }
  if (stored || !db)
    findings.push({
      level: 'ok',
      topic,
      text: 'YTRING_SECRET is unset; the secret generated at first start is kept in the database and shared by every instance.',
    });
  else
    findings.push({ level: 'ok', topic, text: 'YTRING_SECRET is unset; one will be generated at first start and kept in the database.' });
}

export async function checkOutbox(db: Db, findings: Finding[]): Promise<void> {
  const backlog = await outboxBacklog(db).catch(() => undefined);
  if (!backlog) return;
  const hours = backlog.oldestWaitingAt ? (Date.now() - backlog.oldestWaitingAt.getTime()) / 3_600_000 : 0;
  if (hours >= 1)
    findings.push({
      level: 'warning',
      topic: 'Outbox',
      text: `${backlog.waiting} mail(s) wait to be sent, the oldest for ${Math.floor(hours)} hour(s).`,
      fix: 'Look at the mail server check above and at the log lines "Mail delivery failed".',
    });
  else
    findings.push({
      level: 'ok',
      topic: 'Outbox',
      text: `${backlog.waiting} mail(s) waiting, ${backlog.parked} not sent for good (given up, or kept without SMTP_URL).`,
    });
}

export async function runDoctor(config: Config): Promise<Finding[]> {
  const findings: Finding[] = [
    { level: 'ok', topic: 'Configuration', text: `Valid: ${withoutPassword(config.database.url)}, site address ${config.baseUrl}.` },
  ];
  if (config.baseUrl.startsWith('http:') && !/^http:\/\/(localhost|127\.|\[::1\])/.test(config.baseUrl)) {
    findings.push({
      level: 'warning',
      topic: 'Configuration',
      text: `BASE_URL ${config.baseUrl} is not https: logins and cookies travel unencrypted.`,
      fix: 'Serve the site over HTTPS (a reverse proxy) and set BASE_URL to its https:// address.',
    });
  }
  const database = await checkDatabase(config, findings);
  const db = database?.db;
  // A check that fails in a way it did not foresee is itself a finding; the others still run.
  const run = async (topic: string, check: () => Promise<void>) => {
    await check().catch((error: unknown) => {
      findings.push({ level: 'problem', topic, text: `The check failed: ${reason(error)}.` });
    });
  };
  try {
    await run('Uploads folder', () => checkUploads(config.uploadsDir, findings));
    await run('Mail server', () => checkSmtp(config.smtpUrl, findings));
    await run('Secret', () => checkSecret(config, db, findings));
    if (db) await run('Outbox', () => checkOutbox(db, findings));
  } finally {
    await database?.close();
  }
  return findings;
}

const MARK = { ok: 'OK     ', warning: 'WARNING', problem: 'PROBLEM' } as const;

export function printFindings(findings: readonly Finding[], write: (line: string) => void = console.log): number {
  write('Ytring doctor\n');
  for (const finding of findings) {
    write(`  ${MARK[finding.level]}  ${finding.topic}: ${finding.text}`);
    if (finding.fix) write(`           Fix: ${finding.fix}`);
  }
  const problems = findings.filter((f) => f.level === 'problem').length;
  const warnings = findings.filter((f) => f.level === 'warning').length;
  write(`\n${problems ? `${problems} problem(s)` : 'No problems'}${warnings ? `, ${warnings} warning(s)` : ''}.`);
  return problems > 0 ? 1 : 0;
}

/** Exit code 1 when something must be fixed; warnings alone give 0. */
export async function doctorCommand(loadConfig: () => Config): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Every other check needs a valid configuration: say what is wrong with it and stop there.
    return printFindings(
      error.problems.map((text) => ({
        level: 'problem',
        topic: 'Configuration',
        text,
        fix: 'Correct that environment variable (or the flag of the same name).',
      })),
    );
  }
  return printFindings(await runDoctor(config));
}
