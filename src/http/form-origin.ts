/**
 * Whether a form post came from one of our own pages, judged by what browsers send. Public forms
 * have no session to hang a CSRF token on, so this is what keeps another site from posting them in
 * a reader's name; the admin's CSRF check asks the same question before it checks its token.
 */
import type { FastifyRequest } from 'fastify';

type Headers = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * `ownOrigins` are the site's origin from BASE_URL and the one the request was addressed to.
 *
 * - An Origin of a real site decides.
 * - Otherwise Sec-Fetch-Site does: browsers send it whatever the referrer policy, so it covers
 *   `Origin: null`, which a page under `Referrer-Policy: no-referrer` sends for its own forms.
 * - Our public pages use `strict-origin-when-cross-origin`, so without Sec-Fetch-Site an
 *   `Origin: null` is a sandboxed frame, a data: or file: page: not ours.
 * - Then the Referer, when there is one. A request with none of these is not from a browser's
 *   form on another site; the spam defences take it from there.
 */
export function isForeignFormPost(headers: Headers, ownOrigins: readonly string[]): boolean {
  const origin = one(headers.origin);
  if (origin && origin !== 'null') return !ownOrigins.includes(origin);
  const fetchSite = one(headers['sec-fetch-site']);
  if (fetchSite) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  if (origin === 'null') return true;
  const referer = one(headers.referer);
  if (referer) {
    const from = originOf(referer);
    return !from || !ownOrigins.includes(from);
  }
  return false;
}

/** The same question about a request: our origins are BASE_URL's and the one the request was addressed to. */
export function postedFromAnotherSite(request: FastifyRequest, baseUrl: string): boolean {
  return isForeignFormPost(request.headers, [new URL(baseUrl).origin, `${request.protocol}://${request.headers.host ?? ''}`]);
}
