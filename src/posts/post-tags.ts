/**
 * The change tags the database records for posts (migration 000028), as pages name them among
 * what they show (dependsOn in src/http/page-cache.ts).
 */
/** A post's own content: its text, authors, tags, links, info boxes and approved comments. */
export const postTag = (id: string) => `post:${id}`;
/** What a link to a post shows: its title and address. */
export const postTitleTag = (id: string) => `post-title:${id}`;
/** Which posts are published where, and in what order. */
export const POST_LIST_TAG = 'post-list';

/** What a page listing these posts shows: the list, and each post's title, lead and comment count. */
export const listTags = (posts: readonly { id: string }[]) => [POST_LIST_TAG, ...posts.map((post) => postTag(post.id))];

/** A post's own rows only, not its comments (migration 000055): what a feed or search result shows of it. */
export const postTextTag = (id: string) => `post-text:${id}`;
/** Some post's own rows changed (its dates among them): what the sitemap is made from. */
export const ANY_POST_TEXT_TAG = 'post-text';
/** The approved comments across the site. */
export const COMMENT_LIST_TAG = 'comment-list';
/** The search index. */
export const SEARCH_TAG = 'search';

/** What a feed of these posts shows: the list, and each post's own text (not its comments). */
export const feedTags = (posts: readonly { id: string }[]) => [POST_LIST_TAG, ...posts.map((post) => postTextTag(post.id))];
