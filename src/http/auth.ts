/** Who is asking: the session cookie becomes `request.actor`; state changes must carry the CSRF token. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorForSession, csrfToken, SESSION_DAYS } from '../accounts/account.service.js';
import type { Actor } from '../accounts/account.js';
import { AppError } from '../errors.js';
import { safeEqual } from '../shared/keyed-hash.js';
import type { Db } from '../storage/db.js';
import { clearSiteCookie, setSiteCookie } from './cookies.js';
import { postedFromAnotherSite } from './form-origin.js';
import { rawValue } from './schemas.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route reads a multipart form (a file with its fields) through `request.parts()`, and takes
     * the form's CSRF token from its first part, which the page puts first: the check runs before a
     * body is read, and a token in the address would stay in the history and the address bar.
     */
    csrfInFirstPart?: boolean;
  }
  interface FastifyRequest {
    /** The logged-in staff member, or null for everyone else (readers never have a session). */
    actor: Actor | null;
    sessionId: string | null;
  }
}

export const SESSION_COOKIE = 'ytring_session';

/** Starts the session in this browser: the id travels only in this HttpOnly cookie (see cookies.ts). */
export function setSessionCookie(reply: FastifyReply, sessionId: string, secure: boolean): FastifyReply {
  return setSiteCookie(reply, SESSION_COOKIE, sessionId, SESSION_DAYS * 86400, secure);
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): FastifyReply {
  return clearSiteCookie(reply, SESSION_COOKIE, secure);
}

/** onRequest: looks the session up only when the request carries one, so readers cost no query. */
export function loadActor(db: Db) {
  return async (request: FastifyRequest) => {
    request.actor = null;
    request.sessionId = null;
    const sessionId = request.cookies[SESSION_COOKIE];
    if (!sessionId || sessionId.length > 100) return;
    const actor = await actorForSession(db, sessionId).catch(() => undefined);
    if (actor) {
      request.actor = actor;
      request.sessionId = sessionId;
    }
  };
}

export function csrfFor(secret: string, request: FastifyRequest): string {
  return request.sessionId ? csrfToken(secret, request.sessionId) : '';
}

/**
 * Refuses a state change that did not come from our own pages: the browser's Origin,
 * Sec-Fetch-Site or Referer must say ours (`postedFromAnotherSite`, shared with the public forms),
 * and a logged-in request must carry the session's CSRF token in the
 * form field `_csrf`, the `x-csrf-token` header or the query string (a multipart form's, on a route
 * that says `csrfInFirstPart`, in its first part). Refusals carry the field
 * `crossSite` or `csrf`, so the page can say which went wrong.
 */
export function checkCsrf(secret: string, baseUrl: string) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    if (postedFromAnotherSite(request, baseUrl)) {
      throw new AppError('forbidden', 'Cross-site request refused', { field: 'crossSite' });
    }
    if (!request.sessionId) return;
    const header = request.headers['x-csrf-token'];
    const sent = [rawValue(request.body, '_csrf'), header, rawValue(request.query, '_csrf')].find(
      (v): v is string => typeof v === 'string' && v.length > 0,
    );
    const expected = csrfToken(secret, request.sessionId);
    if (!sent && request.routeOptions.config.csrfInFirstPart && isMultipart(request)) return guardFirstPart(request, expected);
    if (!sent || !safeEqual(sent, expected)) throw wrongToken();
  };
}

const wrongToken = () => new AppError('forbidden', 'Missing or wrong CSRF token', { field: 'csrf' });
const isMultipart = (request: FastifyRequest) => /^multipart\/form-data\s*;/i.test(request.headers['content-type'] ?? '');

type PartsReader = (...args: never[]) => AsyncIterableIterator<{ type: string; fieldname: string; value?: unknown }>;

/**
 * Lets the route read the multipart body only through `parts()`, which refuses the whole body
 * unless its first part is the `_csrf` field with the session's token: nothing the route does with
 * a part can happen before the token is proven. The other readers of the multipart plugin would
 * skip that check, so they refuse outright.
 */
function guardFirstPart(request: FastifyRequest, expected: string): void {
  const target = request as unknown as Record<string, unknown>;
  const parts = target.parts as PartsReader | undefined;
  if (typeof parts !== 'function') throw wrongToken();
  target.parts = (...args: never[]) => firstPartIsToken(parts.apply(request, args), expected);
  for (const name of ['file', 'files', 'saveRequestFiles']) {
    target[name] = () => {
      throw wrongToken();
    };
  }
}

async function* firstPartIsToken<P extends { type: string; fieldname: string; value?: unknown }>(
  parts: AsyncIterableIterator<P>,
  expected: string,
): AsyncGenerator<P> {
  let proven = false;
  for await (const part of parts) {
    if (!proven) {
      const ok = part.type === 'field' && part.fieldname === '_csrf' && typeof part.value === 'string' && safeEqual(part.value, expected);
      if (!ok) throw wrongToken();
      proven = true;
    }
    yield part;
  }
  if (!proven) throw wrongToken();
}
