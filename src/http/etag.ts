/**
 * Weak ETags and 304 answers for what the routes send, in the way @fastify/etag made them, but not
 * for replies no cache may keep (`no-store`: a page carrying its own reader's question). Every copy
 * of those differs, so a validator could never match, and hashing them cost every read.
 */
import { crc32 } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** CRC-32 and the length: a good weak validator, at a fraction of SHA-1's cost on large pages. */
export const etagOf = (payload: string | Buffer) => `W/"${crc32(payload).toString(36)}-${payload.length.toString(36)}"`;

/** Whether an If-None-Match header names `etag` (weakly compared, RFC 9110, 13.1.2). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const opaque = etag.startsWith('W/') ? etag.slice(2) : etag;
  return ifNoneMatch.split(',').some((raw) => {
    const tag = raw.trim();
    return tag === '*' || tag === opaque || tag === `W/${opaque}`;
  });
}

export function registerEtag(app: FastifyInstance): void {
  app.addHook(
    'onSend',
    (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload?: unknown) => void) => {
      let etag = reply.getHeader('etag');
      if (!etag) {
        const cacheControl = reply.getHeader('cache-control');
        // A page with a part made for each reader (the page cache's punchHole) is sent with no validator either.
        if (
          !(typeof payload === 'string' || Buffer.isBuffer(payload)) ||
          (typeof cacheControl === 'string' && cacheControl.includes('no-store')) ||
          (request.pageHole && reply.statusCode === 200)
        ) {
          done(null);
          return;
        }
        etag = etagOf(payload);
        reply.header('etag', etag);
      }
      if (typeof etag === 'string' && matchesEtag(request.headers['if-none-match'], etag)) {
        reply.code(304);
        done(null, '');
        return;
      }
      done(null);
    },
  );
}
