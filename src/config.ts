/** Deploy configuration: environment variables and same-named flags, validated once and frozen. */
import { parseArgs } from 'node:util';
import { isEmailAddress } from './shared/email-obfuscation.js';
import { defaultDatabaseUrl, parseDatabaseUrl, type DatabaseConfig } from './storage/database-url.js';

export type { DatabaseConfig } from './storage/database-url.js';

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly baseUrl: string;
  readonly database: DatabaseConfig;
  readonly smtpUrl: string | undefined;
  readonly secret: string | undefined;
  readonly redisUrl: string | undefined;
  readonly logLevel: string;
  readonly demo: boolean;
  readonly dataDir: string;
  /** Sender of the site's e-mail. */
  readonly mailFrom: string;
  /** Trust X-Forwarded-For from a reverse proxy in front (true, or a list of proxy addresses). */
  readonly trustProxy: boolean | string;
  /** How long a client may take to send a request's headers and body before its socket is closed. */
  readonly requestTimeoutMs: number;
  /** Memory for the in-process page cache, in megabytes; 0 turns it off. */
  readonly pageCacheMb: number;
  /** Where uploaded images live; several instances must share it (a common volume). */
  readonly uploadsDir: string;
  /** Unset: no /metrics. Set: /metrics answers to `Authorization: Bearer <token>`. */
  readonly metricsToken: string | undefined;
  /** The live channel's limits: open streams per IP hash, and per instance. */
  readonly liveMaxPerIp: number;
  readonly liveMaxConnections: number;
  /** Milliseconds of each second that searches no cache holds may take on an instance; 0: no limit. */
  readonly searchMsPerSecond: number;
}

const VARIABLES = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'BASE_URL',
  'SMTP_URL',
  'YTRING_SECRET',
  'REDIS_URL',
  'LOG_LEVEL',
  'DATA_DIR',
  'MAIL_FROM',
  'TRUST_PROXY',
  'REQUEST_TIMEOUT_MS',
  'PAGE_CACHE_MB',
  'UPLOADS_DIR',
  'METRICS_TOKEN',
  'LIVE_MAX_PER_IP',
  'LIVE_MAX_CONNECTIONS',
  'SEARCH_MS_PER_SECOND',
] as const;
type Variable = (typeof VARIABLES)[number];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const flagOf = (name: Variable) => name.toLowerCase().replace(/_/g, '-');
const FLAG_OPTIONS = Object.fromEntries([
  ...VARIABLES.map((name) => [flagOf(name), { type: 'string' as const }]),
  ['demo', { type: 'boolean' as const }],
  ['no-demo', { type: 'boolean' as const }],
]);

/**
 * `--database-url x` or `--database-url=x` is DATABASE_URL; `--no-demo` turns the demo off.
 * Not strict: what is not one of these flags is kept in `rest`, in order, for the subcommand to read or refuse.
 */
export function parseFlags(argv: readonly string[]): { values: Partial<Record<Variable, string>>; demo?: boolean; rest: string[] } {
  const values: Partial<Record<Variable, string>> = {};
  const rest: string[] = [];
  let demo: boolean | undefined;
  let lastKept = -1;
  const keep = (index: number) => {
    // Short options grouped in one argument (-ab) come as one token each; the argument is kept once.
    if (index !== lastKept) rest.push(argv[index]!);
    lastKept = index;
  };
  const { tokens } = parseArgs({ args: [...argv], options: FLAG_OPTIONS, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option' || !(token.name in FLAG_OPTIONS) || !token.rawName.startsWith('--')) {
      keep(token.index);
    } else if (token.name === 'demo' || token.name === 'no-demo') {
      if (token.inlineValue) keep(token.index);
      else demo = token.name === 'demo';
    } else {
      if (token.value === undefined) throw new ConfigError([`${token.rawName} needs a value`]);
      values[token.name.toUpperCase().replace(/-/g, '_') as Variable] = token.value;
    }
  }
  return demo === undefined ? { values, rest } : { values, demo, rest };
}

export function loadConfig(env: NodeJS.ProcessEnv, flags: Partial<Record<Variable, string>> = {}, demo = true): Config {
  const get = (name: Variable) => {
    const value = flags[name] ?? env[name];
    return value === undefined || value === '' ? undefined : value;
  };
  const problems: string[] = [];

  const portText = get('PORT') ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number, got "${portText}"`);

  const host = get('HOST') ?? 'localhost';
  const dataDir = get('DATA_DIR') ?? './data';

  const parsedDatabase = parseDatabaseUrl(get('DATABASE_URL') ?? defaultDatabaseUrl(dataDir));
  let database: DatabaseConfig | undefined;
  if ('problem' in parsedDatabase) problems.push(parsedDatabase.problem);
  else database = parsedDatabase;

  const baseUrlText = get('BASE_URL') ?? `http://localhost:${port || 3000}`;
  let baseUrl = baseUrlText;
  try {
    const parsed = new URL(baseUrlText);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') problems.push('BASE_URL must be http:// or https://');
    baseUrl = parsed.origin + parsed.pathname.replace(/\/+$/, '');
  } catch {
    problems.push(`BASE_URL is not a URL: "${baseUrlText}"`);
  }

  const smtpUrl = get('SMTP_URL');
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push('SMTP_URL must start with smtp:// or smtps://');
  const secret = get('YTRING_SECRET');
  if (secret !== undefined && secret.length < 32) problems.push('YTRING_SECRET must be at least 32 characters');
  const redisUrl = get('REDIS_URL');
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL must start with redis:// or rediss://');
  const logLevel = get('LOG_LEVEL') ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel))
    problems.push(`LOG_LEVEL "${logLevel}" is not a pino level`);

  let host_ = 'localhost';
  try {
    host_ = new URL(baseUrl).hostname;
  } catch {
    /* reported above */
  }
  const mailFrom = get('MAIL_FROM') ?? `noreply@${host_.includes('.') ? host_ : 'localhost.localdomain'}`;
  if (!isEmailAddress(mailFrom)) problems.push(`MAIL_FROM must be a plain address like noreply@example.org, got "${mailFrom}"`);
  const trustProxyText = get('TRUST_PROXY');
  const trustProxy = trustProxyText === undefined || trustProxyText === 'false' ? false : trustProxyText === 'true' ? true : trustProxyText;

  const timeoutText = get('REQUEST_TIMEOUT_MS') ?? '30000';
  const requestTimeoutMs = Number(timeoutText);
  if (!/^\d+$/.test(timeoutText) || requestTimeoutMs < 100 || requestTimeoutMs > 600_000)
    problems.push(`REQUEST_TIMEOUT_MS must be a whole number of milliseconds from 100 to 600000, got "${timeoutText}"`);

  const cacheText = get('PAGE_CACHE_MB') ?? '64';
  const pageCacheMb = Number(cacheText);
  if (!/^\d+$/.test(cacheText) || pageCacheMb > 16_384)
    problems.push(`PAGE_CACHE_MB must be a whole number of megabytes (0 turns the cache off), got "${cacheText}"`);
  const uploadsDir = get('UPLOADS_DIR') ?? `${dataDir}/uploads`;
  const metricsToken = get('METRICS_TOKEN');
  // It travels in a header: printable ASCII only, and long enough not to be guessed.
  if (metricsToken !== undefined && !/^[\x21-\x7e]{16,}$/.test(metricsToken))
    problems.push('METRICS_TOKEN must be at least 16 characters, without spaces or non-ASCII characters');

  const liveCount = (name: 'LIVE_MAX_PER_IP' | 'LIVE_MAX_CONNECTIONS', fallback: string) => {
    const text = get(name) ?? fallback;
    const value = Number(text);
    if (!/^\d+$/.test(text) || value > 1_000_000)
      problems.push(`${name} must be a whole number of connections (0 turns live updates off), got "${text}"`);
    return value;
  };
  const liveMaxPerIp = liveCount('LIVE_MAX_PER_IP', '8');
  const liveMaxConnections = liveCount('LIVE_MAX_CONNECTIONS', '5000');
  const searchText = get('SEARCH_MS_PER_SECOND') ?? '300';
  const searchMsPerSecond = Number(searchText);
  // Above 1000: searches at once each count their time, a wait for the database included.
  if (!/^\d+$/.test(searchText) || searchMsPerSecond > 60_000)
    problems.push(`SEARCH_MS_PER_SECOND must be a whole number of milliseconds from 0 (no limit) to 60000, got "${searchText}"`);

  if (problems.length > 0 || !database) throw new ConfigError(problems);
  return Object.freeze({
    port,
    host,
    baseUrl,
    database,
    smtpUrl,
    secret,
    redisUrl,
    logLevel,
    demo,
    dataDir,
    mailFrom,
    trustProxy,
    requestTimeoutMs,
    pageCacheMb,
    uploadsDir,
    metricsToken,
    liveMaxPerIp,
    liveMaxConnections,
    searchMsPerSecond,
  });
}
