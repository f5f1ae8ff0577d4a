/** robots.txt: everything public may be crawled except the private, token-carrying pages. */

/** Paths (under BASE_URL's path) that hold a person's own data or the administration. */
export const DISALLOWED_PATHS = ['/admin', '/comments/manage', '/privacy/comments'] as const;

export function toRobotsTxt(baseUrl: string): string {
  // A site served under a path (BASE_URL https://x.dk/debat) is crawled under that path.
  const prefix = new URL(baseUrl).pathname.replace(/\/+$/, '');
  return [
    'User-agent: *',
    'Allow: /',
    ...DISALLOWED_PATHS.map((path) => `Disallow: ${prefix}${path}`),
    '',
    `Sitemap: ${baseUrl}/sitemap.xml`,
    '',
  ].join('\n');
}
