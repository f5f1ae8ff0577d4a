/** robots.txt: everything public may be crawled except the private, token-carrying pages. */

/**
 * Path prefixes (under BASE_URL's path) that hold a person's own data or the administration.
 * `/admin/` keeps its slash so a blog called "administration" stays crawlable; `/admin` alone
 * only sends a crawler on to /admin/login. `comments` and `privacy` cannot be blog slugs.
 */
export const DISALLOWED_PATHS = ['/admin/', '/comments/manage', '/privacy/comments'] as const;

export function toRobotsTxt(baseUrl: string): string {
  // A site served under a path (BASE_URL https://x.dk/debat) is crawled under that path.
  const prefix = new URL(baseUrl).pathname.replace(/\/+$/, '');
  // No "Allow: /": readers that take the first matching rule (Python's robotparser) would stop
  // there and allow everything. What no rule disallows is allowed anyway.
  return ['User-agent: *', ...DISALLOWED_PATHS.map((path) => `Disallow: ${prefix}${path}`), '', `Sitemap: ${baseUrl}/sitemap.xml`, ''].join(
    '\n',
  );
}
