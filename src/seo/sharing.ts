/** Sharing metadata (OpenGraph, Twitter card) and schema.org JSON-LD, as plain data the pages render in <head>. */
import { hideEmails } from '../shared/email-obfuscation.js';

/** One `<meta>`: OpenGraph uses `property`, Twitter `name`. */
export interface MetaTag {
  property?: string;
  name?: string;
  content: string;
}

/** At most `max` characters of `text`, cut at a word with an ellipsis; for descriptions from a lead. */
export function summarise(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}

/** A page's <meta name="description">: short, and with no harvestable e-mail address. */
export const pageDescription = (text: string, atWord: string) => summarise(hideEmails(text, atWord));

const OG_LOCALES: Record<string, string> = { da: 'da_DK', en: 'en_GB' };

export interface SharingInput {
  type: 'website' | 'article' | 'profile';
  /** Absolute; the page's canonical address. */
  url: string;
  title: string;
  description: string;
  siteName: string;
  language: string;
  /** The word for "@" in readable addresses, so no description carries a harvestable one. */
  atWord: string;
  /** Absolute; the page's own image (a featured image), else the site's default (settings/identity defaultSocialImage). */
  image?: SharedImage | undefined;
}

export interface SharedImage {
  /** Absolute. */
  url: string;
  width: number;
  height: number;
  /** A featured image's alt text; the site's default image has none. */
  alt?: string;
}

export function sharingTags(input: SharingInput): MetaTag[] {
  const description = pageDescription(input.description, input.atWord);
  const title = hideEmails(input.title, input.atWord);
  const locale = OG_LOCALES[input.language];
  return [
    { property: 'og:type', content: input.type },
    { property: 'og:url', content: input.url },
    { property: 'og:title', content: title },
    ...(description ? [{ property: 'og:description', content: description }] : []),
    { property: 'og:site_name', content: hideEmails(input.siteName, input.atWord) },
    ...(locale ? [{ property: 'og:locale', content: locale }] : []),
    ...(input.image
      ? [
          { property: 'og:image', content: input.image.url },
          { property: 'og:image:width', content: String(input.image.width) },
          { property: 'og:image:height', content: String(input.image.height) },
          ...(input.image.alt ? [{ property: 'og:image:alt', content: hideEmails(input.image.alt, input.atWord) }] : []),
        ]
      : []),
    // A large card only for an image made for it; a small logo would be blown up.
    { name: 'twitter:card', content: input.image && input.image.width >= 600 ? 'summary_large_image' : 'summary' },
    { name: 'twitter:title', content: title },
    ...(description ? [{ name: 'twitter:description', content: description }] : []),
    ...(input.image
      ? [
          { name: 'twitter:image', content: input.image.url },
          ...(input.image.alt ? [{ name: 'twitter:image:alt', content: hideEmails(input.image.alt, input.atWord) }] : []),
        ]
      : []),
  ];
}

export interface ArticleInput {
  publishedAt: Date;
  modifiedAt: Date;
  /** The blog's title. */
  section: string;
  /** Absolute addresses of the authors' pages. */
  authorUrls: string[];
  tags: string[];
  atWord: string;
}

export function articleTags(input: ArticleInput): MetaTag[] {
  return [
    { property: 'article:published_time', content: input.publishedAt.toISOString() },
    { property: 'article:modified_time', content: input.modifiedAt.toISOString() },
    { property: 'article:section', content: hideEmails(input.section, input.atWord) },
    ...input.authorUrls.map((url) => ({ property: 'article:author', content: url })),
    ...input.tags.map((tag) => ({ property: 'article:tag', content: hideEmails(tag, input.atWord) })),
  ];
}

export interface JsonLdPerson {
  name: string;
  url: string;
  jobTitle: string;
  organisation: string;
}

export interface BlogPostingInput {
  url: string;
  title: string;
  description: string;
  publishedAt: Date;
  modifiedAt: Date;
  authors: JsonLdPerson[];
  /** `logo`: the site's logo, absolute (settings/identity siteLogo). */
  publisher: { name: string; url: string; logo?: { url: string; width: number; height: number } | undefined };
  blog: { name: string; url: string };
  tags: string[];
  language: string;
  commentCount: number;
  atWord: string;
  /** The featured image, absolute. */
  image?: SharedImage;
}

export type JsonLdObject = { '@context': string; '@type': string } & Record<string, unknown>;

/** schema.org BlogPosting; every author a Person, with jobTitle and worksFor where we know them. */
export function blogPostingJsonLd(input: BlogPostingInput): JsonLdObject {
  const text = (value: string) => hideEmails(value, input.atWord);
  const description = summarise(text(input.description), 300);
  return {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    '@id': `${input.url}#post`,
    mainEntityOfPage: { '@type': 'WebPage', '@id': input.url },
    url: input.url,
    headline: text(input.title),
    ...(description ? { description } : {}),
    inLanguage: input.language,
    datePublished: input.publishedAt.toISOString(),
    dateModified: input.modifiedAt.toISOString(),
    author: input.authors.map((person) => ({
      '@type': 'Person',
      name: text(person.name),
      url: person.url,
      ...(person.jobTitle ? { jobTitle: text(person.jobTitle) } : {}),
      ...(person.organisation ? { worksFor: { '@type': 'Organization', name: text(person.organisation) } } : {}),
    })),
    publisher: {
      '@type': 'Organization',
      name: text(input.publisher.name),
      url: input.publisher.url,
      ...(input.publisher.logo
        ? {
            logo: {
              '@type': 'ImageObject',
              url: input.publisher.logo.url,
              width: input.publisher.logo.width,
              height: input.publisher.logo.height,
            },
          }
        : {}),
    },
    isPartOf: { '@type': 'Blog', name: text(input.blog.name), url: input.blog.url },
    ...(input.tags.length ? { keywords: text(input.tags.join(', ')) } : {}),
    commentCount: input.commentCount,
    ...(input.image
      ? {
          image: {
            '@type': 'ImageObject',
            url: input.image.url,
            width: input.image.width,
            height: input.image.height,
            ...(input.image.alt ? { description: text(input.image.alt) } : {}),
          },
        }
      : {}),
  };
}
