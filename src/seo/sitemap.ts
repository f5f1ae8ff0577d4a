/** Sitemaps (sitemaps.org 0.9): a urlset, or an index of urlsets when the site outgrows one file. */
import { element, XML_DECLARATION } from '../shared/xml.js';

export const SITEMAP_NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** The protocol's limit of addresses in one sitemap file. */
export const SITEMAP_MAX_URLS = 50_000;

export interface SitemapEntry {
  /** Absolute. */
  url: string;
  lastModified?: Date;
}

const lastmod = (date: Date | undefined) => (date ? element('lastmod', {}, date.toISOString()) : '');

export function toUrlset(entries: readonly SitemapEntry[]): string {
  return [
    XML_DECLARATION,
    `<urlset xmlns="${SITEMAP_NAMESPACE}">`,
    ...entries.map((e) => `<url>${element('loc', {}, e.url)}${lastmod(e.lastModified)}</url>`),
    '</urlset>',
    '',
  ].join('\n');
}

export function toSitemapIndex(sitemaps: readonly SitemapEntry[]): string {
  return [
    XML_DECLARATION,
    `<sitemapindex xmlns="${SITEMAP_NAMESPACE}">`,
    ...sitemaps.map((s) => `<sitemap>${element('loc', {}, s.url)}${lastmod(s.lastModified)}</sitemap>`),
    '</sitemapindex>',
    '',
  ].join('\n');
}

/** Splits entries into files of at most `perFile`; each file's lastmod is its newest entry's. */
export function splitSitemap(entries: readonly SitemapEntry[], perFile: number): { entries: SitemapEntry[]; lastModified?: Date }[] {
  const files: { entries: SitemapEntry[]; lastModified?: Date }[] = [];
  for (let start = 0; start < entries.length; start += perFile) {
    const chunk = entries.slice(start, start + perFile);
    const newest = chunk.reduce<Date | undefined>((n, e) => (e.lastModified && (!n || e.lastModified > n) ? e.lastModified : n), undefined);
    files.push(newest ? { entries: chunk, lastModified: newest } : { entries: chunk });
  }
  return files;
}
