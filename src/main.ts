/** The `ytring` command: reads flags and environment, then runs a subcommand. */
import { ConfigError, loadConfig, parseFlags, type Config } from './config.js';
import { DATABASE_HELP, withoutPassword } from './storage/database-url.js';
import { isDatabaseUnavailable } from './storage/errors.js';

const HELP = `Usage: ytring <command> [options]

Commands:
  start        Serve the site (loads the demo site into an empty database unless --no-demo)
  migrate      Bring the database schema up to date
  user         user add --role admin|editor|author|moderator --email ADDRESS --name NAME (password on a terminal or stdin)
  spam-report  Show what each layer of the spam defence stopped  [--days N]
  settings     Show or change site settings: settings get [KEY] | settings set KEY VALUE
  search-index search-index rebuild: index every published post anew (after changing the site language)
  import       import wxr FILE [--blog SLUG] [--as EMAIL]: a WordPress export; import disqus FILE; import ytring FILE: a Ytring
               export, into an empty database (import --help for the options)
  export       export FILE: everything as one NDJSON file; export wxr FILE: a WordPress export (WXR)
  backup       ${DATABASE_HELP.backup}
  doctor       Check the configuration, database, migrations, uploads folder, mail server and secret; exit 1 on a problem
  help         Show this text

Options (each also read from the environment variable of the same name):
  --port PORT               default 3000
  --host HOST               default localhost
  --database-url URL        ${DATABASE_HELP.url}
  --base-url URL            the site's public address, default http://localhost:PORT
  --smtp-url URL            smtp://… ; unset, mail is kept in the outbox and logged
  --ytring-secret SECRET    at least 32 characters; generated and stored if unset
  --page-cache-mb N         memory for the page cache, default 64; 0 turns it off
  --uploads-dir DIR         uploaded images, default DATA_DIR/uploads; shared by all instances
  --request-timeout-ms N    time a client has to send a request, default 30000
  --metrics-token TOKEN     turns on /metrics (Prometheus) for requests bearing this token; unset, no /metrics
  --log-level LEVEL         info (default), debug, warn, error, silent
  --no-demo                 start with an empty site
`;

async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...args] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return 0;
  }
  const flags = parseFlags(args);
  // Subcommands with arguments of their own take the rest; the others refuse what they do not know.
  const ownArgs = ['spam-report', 'settings', 'import', 'export', 'backup', 'user', 'search-index'].includes(command);
  if (flags.rest.length > 0 && !ownArgs) {
    console.error(`Unknown option(s): ${flags.rest.join(' ')}\n\n${HELP}`);
    return 2;
  }
  // The doctor reports a bad configuration among its findings rather than stopping at it.
  if (command === 'doctor')
    return (await import('./cli/commands/doctor.js')).doctorCommand(() => loadConfig(process.env, flags.values, flags.demo ?? true));
  const config = loadConfig(process.env, flags.values, flags.demo ?? true);
  try {
    return await runCommand(command, config, flags.rest);
  } catch (error) {
    // The usual first-run problem (the database server not started, a mistyped port): one line
    // that names the database, rather than a stack trace that buries it.
    if (!isDatabaseUnavailable(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    console.error(
      `Cannot reach the database at ${withoutPassword(config.database.url)} (${reason}).\n` +
        'Check DATABASE_URL and that the database server runs; `ytring doctor` checks the whole configuration.',
    );
    return 1;
  }
}

/** Runs one subcommand; its exit code, or -1 for one that goes on serving. */
async function runCommand(command: string, config: Config, rest: string[]): Promise<number> {
  // Each command is loaded when it runs: `start` need not load the importers, nor the others the server.
  switch (command) {
    case 'start':
      await (await import('./cli/commands/start.js')).startCommand(config);
      return -1;
    case 'user':
      return (await import('./cli/commands/user.js')).userCommand(config, rest);
    case 'migrate':
      await (await import('./cli/commands/migrate.js')).migrateCommand(config);
      return 0;
    case 'spam-report':
      return (await import('./cli/commands/spam-report.js')).spamReportCommand(config, rest);
    case 'settings':
      return (await import('./cli/commands/settings.js')).settingsCommand(config, rest);
    case 'search-index':
      return (await import('./cli/commands/search-index.js')).searchIndexCommand(config, rest);
    case 'import':
      return (await import('./cli/commands/import.js')).importCommand(config, rest);
    case 'export':
      return (await import('./cli/commands/export.js')).exportCommand(config, rest);
    case 'backup':
      return (await import('./cli/commands/backup.js')).backupCommand(config, rest);
    default:
      console.error(`Unknown command "${command}".\n\n${HELP}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = 1;
  },
);
