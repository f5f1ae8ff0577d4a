/**
 * Every cookie Ytring sets, in one place. @fastify/cookie (registered first in server.tsx) parses the
 * Cookie header into `request.cookies` before any other hook runs, decoding percent escapes and
 * leaving a value it cannot decode as sent, and writes `Set-Cookie` from `reply.setCookie`.
 * Our cookies are all HttpOnly, SameSite=Lax, Path=/ and Secure when the site is served over https;
 * what is signed is signed by the module that owns the value (edit-link.ts, own-comments-cookie.ts,
 * proven-address-cookie.ts, and the session id, which is only looked up by its hash).
 */
import type { FastifyReply } from 'fastify';

/** The attributes every cookie of ours carries; `maxAgeSeconds` 0 tells the browser to forget it. */
function attributes(maxAgeSeconds: number, secure: boolean) {
  return { path: '/', maxAge: maxAgeSeconds, httpOnly: true, sameSite: 'lax', secure } as const;
}

export function setSiteCookie(reply: FastifyReply, name: string, value: string, maxAgeSeconds: number, secure: boolean): FastifyReply {
  return reply.setCookie(name, value, attributes(maxAgeSeconds, secure));
}

/** Empties the cookie and expires it at once (Max-Age=0, and an Expires in the past for old browsers). */
export function clearSiteCookie(reply: FastifyReply, name: string, secure: boolean): FastifyReply {
  return reply.clearCookie(name, attributes(0, secure));
}
