/** The hooks every request passes through: cookies and forms parsed, the actor, NUL characters dropped, security headers. */
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { findRedirect, isWordPressIdAddress } from '../redirects/redirect.service.js';
import { loadActor } from './auth.js';
import { registerEtag } from './etag.js';
import type { ServerDeps } from './server.js';

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: { method: string; url: string; schema?: FastifySchema }[];
  }
}

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  // Parsed forms and queries only: fast-querystring's objects have a prototype of their own.
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, withoutNul(v)]));
  }
  return value;
}

/** Before anything else is registered: the route table, the body and cookie parsers, the actor and the headers. */
export async function registerHooks(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  // Every route, as registered: the security tests walk this list so no route escapes them.
  const routeTable: { method: string; url: string; schema?: FastifySchema }[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      routeTable.push({ method, url: route.url, ...(route.schema ? { schema: route.schema } : {}) });
  });

  // First, so request.cookies is there for every hook below (the session, the page cache); see cookies.ts.
  await app.register(cookie);
  await app.register(formbody);
  registerEtag(app);

  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.addHook('onRequest', loadActor(deps.db));
  // A NUL character means nothing in any field, and one of the databases refuses to store it: take it out of
  // forms and queries, so a pasted text is kept (minus that) on both databases instead of refused.
  app.addHook('preValidation', async (request) => {
    // Multipart bodies hold files and their methods: their text fields are left to the routes.
    if (request.body && /^application\/(x-www-form-urlencoded|json)/.test(request.headers['content-type'] ?? ''))
      request.body = withoutNul(request.body);
    if (request.query) request.query = withoutNul(request.query);
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    reply.header('x-request-id', request.id);
    if (deps.baseUrl.startsWith('https:')) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // An imported WordPress site's /?p=123 would reach the front page, never the not-found handler.
    if ((request.method === 'GET' || request.method === 'HEAD') && isWordPressIdAddress(request.url)) {
      const target = await findRedirect(deps.db, request.url).catch(() => undefined);
      if (target) return reply.code(301).header('cache-control', 'public, max-age=3600').redirect(target, 301);
    }
  });
}
