/** Conditional GET for feeds and sitemaps: ETag, Last-Modified, 304 (If-None-Match is answered by http/etag.ts). */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The body's weak ETag, set here so a 304 carries the one its 200 would. */
export const weakEtag = (body: string | Buffer) => `W/"${createHash('sha1').update(body).digest('base64')}"`;

/**
 * Sends `body` with validators, or 304 when the client's copy is current. Last-Modified is sent
 * only once its second is over: HTTP dates have whole seconds, and a change later in the same
 * second would otherwise look unmodified to If-Modified-Since (RFC 9110, 8.8.2.2).
 */
export async function sendConditional(
  request: FastifyRequest,
  reply: FastifyReply,
  response: {
    body: string | Buffer;
    /** The body's weak ETag when the caller has made it already. */
    etag?: string;
    contentType: string;
    changedAt: Date | undefined;
    now?: Date;
  },
): Promise<FastifyReply> {
  const now = response.now ?? new Date();
  reply
    .header('content-type', response.contentType)
    .header('cache-control', 'public, max-age=0, must-revalidate')
    .header('etag', response.etag ?? weakEtag(response.body));
  const second = response.changedAt ? Math.floor(Math.min(response.changedAt.getTime(), now.getTime()) / 1000) : undefined;
  if (second !== undefined && second < Math.floor(now.getTime() / 1000)) {
    reply.header('last-modified', new Date(second * 1000).toUTCString());
    const since = Date.parse(request.headers['if-modified-since'] ?? '');
    // If-None-Match, when sent, decides alone (RFC 9110, 13.2.2); http/etag.ts answers it.
    if (request.headers['if-none-match'] === undefined && !Number.isNaN(since) && second * 1000 <= since) {
      return reply.code(304).send();
    }
  }
  return reply.code(200).send(response.body);
}
