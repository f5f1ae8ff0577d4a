import { parseArgs } from 'node:util';
import { readArgs } from '../args.js';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { createAccount } from '../../accounts/account.service.js';
import { isRole, PASSWORD_MIN } from '../../accounts/account.js';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { openDb } from '../../storage/db.js';
import { migrateToLatest } from '../../storage/migrate.js';

const USAGE =
  'Usage: ytring user add --role admin|editor|author|moderator --email ADDRESS --name "Full Name"\n' +
  'The password is asked for on a terminal, or read from the first line of standard input.';

/** On a terminal: asks twice without echo. Otherwise: the first line of standard input, so scripts can pipe it. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.split(/\r?\n/)[0] ?? '';
  }
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      let muted = false;
      const output = new Writable({
        write(chunk, _enc, done) {
          if (!muted) process.stdout.write(chunk);
          done();
        },
      });
      const rl = createInterface({ input: process.stdin, output, terminal: true });
      rl.question(prompt, (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
      muted = true;
    });
  const first = await ask(`Password (at least ${PASSWORD_MIN} characters): `);
  const second = await ask('Repeat the password: ');
  if (first !== second) throw new AppError('invalid', 'The passwords differ', { fields: { password: 'mismatch' } });
  return first;
}

/** `ytring user add --role admin --email … --name …`: an account, password from the terminal or standard input. */
export async function userCommand(config: Config, args: string[]): Promise<number> {
  const parsed = readArgs(
    () =>
      parseArgs({
        args,
        options: { role: { type: 'string', default: 'author' }, email: { type: 'string' }, name: { type: 'string' } },
        allowPositionals: true,
        strict: true,
      }),
    USAGE,
  );
  if (!parsed) return 2;
  const { role, email, name } = parsed.values;
  if (parsed.positionals.length !== 1 || parsed.positionals[0] !== 'add' || !email || !name || !isRole(role)) {
    console.error(USAGE);
    return 2;
  }
  const database = openDb(config.database);
  try {
    await migrateToLatest(database.db, database.dialect);
    const password = await readPassword();
    const account = await createAccount(database.db, { email, name, role, password });
    console.log(`Created ${role} ${account.email}. Log in at ${config.baseUrl}/admin/login`);
    return 0;
  } catch (error) {
    if (error instanceof AppError && (error.code === 'invalid' || error.code === 'conflict')) {
      const fields = error.details.fields ?? {};
      console.error(
        `Not created: ${
          Object.entries(fields)
            .map(([f, p]) => `${f} ${p}`)
            .join(', ') || error.message
        }`,
      );
      return 2;
    }
    throw error;
  } finally {
    await database.close();
  }
}
