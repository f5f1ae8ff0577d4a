import type { Generated } from 'kysely';

/**
 * posts.featured_*: a post's featured image (migration 000021), kept apart from PostTable like the
 * language column. featured_upload_id null: no image; the alt text is required whenever it is set.
 */
export interface PostFeaturedImageColumns {
  featured_upload_id: string | null;
  featured_alt: Generated<string>;
  featured_caption: Generated<string>;
  featured_credit: Generated<string>;
}
