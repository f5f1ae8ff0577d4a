/** The server's logger: request lines carry no bearer tokens from reset, invitation, manage, privacy or unsubscribe links. */
import type { FastifyRequest } from 'fastify';

const REDACTED = '[redacted]';
/** Query names whose value is always a secret, however short. */
const SECRET_NAMES = new Set(['token', '_csrf']);
/** Paths whose next segment is a link token. */
const TOKEN_PATHS = new Set(['/admin/reset', '/admin/invite']);
// Our tokens are 32 random bytes in base64url (43 characters). Slugs are lower-case, so a long
// run of these characters with a capital in it is taken for a token wherever it appears.
const TOKEN_LIKE = /^[A-Za-z0-9_-]{32,}$/;
const CAPITAL = /[A-Z]/;
const looksLikeToken = (value: string) => TOKEN_LIKE.test(value) && CAPITAL.test(value);

function redactPath(path: string): string {
  // Nearly every address is slugs: with no capital letter nothing in it looks like a token, and
  // only under /admin/ is a segment redacted by its place. Splitting them all cost about 4% of a
  // kept post page.
  if (!CAPITAL.test(path) && !path.startsWith('/admin/')) return path;
  const segments = path.split('/');
  const tokenAt = TOKEN_PATHS.has(segments.slice(0, 3).join('/')) ? 3 : -1;
  return segments.map((segment, i) => ((i === tokenAt && segment) || looksLikeToken(segment) ? REDACTED : segment)).join('/');
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) return looksLikeToken(pair) ? REDACTED : pair;
      const name = pair.slice(0, equals);
      const value = pair.slice(equals + 1);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        /* a malformed name is kept as sent */
      }
      return SECRET_NAMES.has(decoded) || looksLikeToken(value) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
}

/** The address as it may be logged: link tokens and CSRF values replaced by "[redacted]". */
export function redactUrl(url: string): string {
  const mark = url.indexOf('?');
  if (mark < 0) return redactPath(url);
  return `${redactPath(url.slice(0, mark))}?${redactQuery(url.slice(mark + 1))}`;
}

/** Fastify's own request serialiser, but with the address redacted. */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

export function loggerOptions(level: string, stream?: NodeJS.WritableStream) {
  return { level, serializers: { req: serializeRequest }, ...(stream ? { stream } : {}) };
}
