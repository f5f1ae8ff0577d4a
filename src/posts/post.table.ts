import type { Generated } from 'kysely';

export interface PostTable {
  id: string;
  blog_id: string;
  slug: string;
  title: string;
  lead: string;
  body: string;
  status: 'draft' | 'scheduled' | 'published';
  published_at: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  comments_open: number;
  comment_count: number;
}

export interface PostAuthorTable {
  post_id: string;
  person_id: string;
  position: number;
  byline_note: string;
}

/** post_authors' per-post job title and organisation (migration 000070); '' means the person's own. */
export interface PostAuthorTitleColumns {
  job_title: Generated<string>;
  organisation: Generated<string>;
}

export interface TagTable {
  id: string;
  slug: string;
  name: string;
}

export interface PostTagTable {
  post_id: string;
  tag_id: string;
  position: number;
}

export interface RelatedLinkTable {
  id: string;
  post_id: string;
  position: number;
  title: string;
  url: string;
  description: string;
}

export interface InfoBoxTable {
  id: string;
  post_id: string;
  position: number;
  heading: string;
  body: string;
}

export interface InfoBoxContactTable {
  id: string;
  info_box_id: string;
  position: number;
  person_id: string | null;
  name: string;
  role: string;
  phone: string;
  email: string;
}

/**
 * posts.language: a BCP 47 tag such as 'da', 'fr-FR' or 'zh-CN' (null: the site's language), kept
 * apart from PostTable; set on creation (imports). Read by the post page for `lang` and by the search index.
 */
export interface PostLanguageColumn {
  language: string | null;
}
