/** Logs in over HTTP as a given role, the way a person does, and keeps the session for later requests; a server with an administrator for a describe. */
import { createAccount } from '../../src/accounts/account.service.js';
import { after, before } from 'node:test';
import type { Role } from '../../src/accounts/account.js';
import { startTestServer, type TestServer } from './server.js';

export interface Session {
  cookie: string;
  csrf: string;
  accountId: string;
  personId: string;
  /** GET with the session cookie. */
  get(path: string): Promise<Response>;
  /** POST a form with the session cookie and CSRF token (unless `csrf: false`). */
  post(path: string, fields?: Record<string, string | string[]>, options?: { csrf?: boolean }): Promise<Response>;
}

let counter = 0;

export function formBody(fields: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  return body;
}

export async function loginAs(
  server: TestServer,
  role: Role,
  options: { blogScope?: string[] | null; name?: string } = {},
): Promise<Session> {
  const n = ++counter;
  const email = `${role}${n}@staff.example`;
  const password = `kodeord-${role}-${n}-langt`;
  const account = await createAccount(server.db, {
    name: options.name ?? `${role} ${n}`,
    email,
    role,
    password,
    blogScope: options.blogScope ?? null,
  });
  const response = await server.get('/admin/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }),
  });
  if (response.status !== 303) throw new Error(`Login as ${role} answered ${response.status}`);
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  const dashboard = await (await server.get('/admin', { headers: { cookie } })).text();
  const csrf = /data-csrf="([^"]+)"/.exec(dashboard)?.[1] ?? '';
  return {
    cookie,
    csrf,
    accountId: account.id,
    personId: account.personId,
    get: (path) => server.get(path, { headers: { cookie } }),
    post: (path, fields = {}, opts = {}) =>
      server.get(path, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: formBody(opts.csrf === false ? fields : { ...fields, _csrf: csrf }),
      }),
  };
}

export interface ServerWithAdmin {
  /** The server of the enclosing describe, started in its `before`. */
  readonly server: TestServer;
  /** An administrator logged in on it. */
  readonly admin: Session;
}

/**
 * Starts a server on `dialect` with an administrator logged in before the enclosing describe's tests,
 * and closes it after them. Call it in the describe's body; read the fields inside the tests.
 */
export function serverWithAdmin(dialect: 'sqlite' | 'postgres'): ServerWithAdmin {
  let server: TestServer | undefined;
  let admin: Session | undefined;
  before(async () => {
    server = await startTestServer(dialect);
    admin = await loginAs(server, 'admin');
  });
  after(async () => {
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('serverWithAdmin: the server starts in the describe’s before hook');
      return server;
    },
    get admin() {
      if (!admin) throw new Error('serverWithAdmin: the administrator logs in in the describe’s before hook');
      return admin;
    },
  };
}

/** The editor page a POST that showed its form again (303 to ?form=) redirects to, as the browser would fetch it. */
export async function shownAgain(session: Session, response: Response): Promise<Response> {
  const location = response.headers.get('location') ?? '';
  if (response.status !== 303 || !/[?&]form=/.test(location))
    throw new Error(`expected a redirect to a kept form, got ${response.status} ${location}: ${(await response.text()).slice(0, 300)}`);
  return session.get(location);
}
