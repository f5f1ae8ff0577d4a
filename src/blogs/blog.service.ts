import { conflict, notFound } from '../errors.js';
import { toPublicPerson } from '../people/person.js';
import { findPeopleByIds } from '../people/person.service.js';
import { newId } from '../shared/ids.js';
import { slugify } from '../shared/slug.js';
import type { Db } from '../storage/db.js';
import { rowVersion } from '../storage/row-version.js';
import { validateBlogInput, type Blog, type BlogInput, type BlogWithOwners } from './blog.js';
import { findBlogRowById, findBlogRowBySlug, findOwnerIds, insertBlog, isBlogSlugTaken, listBlogRows } from './blog.repository.js';
import { replaceBlogOwners, updateBlogRow } from './blog.repository.js';

export async function createBlog(db: Db, input: BlogInput, now = new Date()): Promise<Blog> {
  const slug = input.slug?.trim() || slugify(input.title);
  validateBlogInput(input, slug);
  if (await isBlogSlugTaken(db, slug)) throw conflict('A blog already has this slug', 'slug');
  const owners = await findPeopleByIds(db, input.ownerIds);
  if (owners.length !== input.ownerIds.length) throw notFound('Owner');
  const at = now.toISOString();
  const existing = await listBlogRows(db);
  return insertBlog(
    db,
    {
      id: newId(now.getTime()),
      slug,
      title: input.title.trim(),
      description: input.description?.trim() ?? '',
      position: existing.length,
      created_at: at,
      updated_at: at,
    },
    input.ownerIds,
  );
}

export async function listBlogs(db: Db): Promise<Blog[]> {
  return listBlogRows(db);
}

async function withOwners(db: Db, blog: Blog): Promise<BlogWithOwners> {
  const ownerIds = (await findOwnerIds(db, [blog.id])).get(blog.id) ?? [];
  return { ...blog, owners: (await findPeopleByIds(db, ownerIds)).map(toPublicPerson) };
}

/** Throws not-found. */
export async function getBlogBySlug(db: Db, slug: string): Promise<BlogWithOwners> {
  const blog = await findBlogRowBySlug(db, slug);
  if (!blog) throw notFound('Blog');
  return withOwners(db, blog);
}

/** The blog without its owners, for paths that only need to know it exists. Throws not-found. */
export async function getBlogRowBySlug(db: Db, slug: string): Promise<Blog> {
  const blog = await findBlogRowBySlug(db, slug);
  if (!blog) throw notFound('Blog');
  return blog;
}

/** Throws not-found. */
export async function getBlogById(db: Db, id: string): Promise<BlogWithOwners> {
  const blog = await findBlogRowById(db, id);
  if (!blog) throw notFound('Blog');
  return withOwners(db, blog);
}

/** Every blog with its owners' ids in order, for the admin's list. */
export async function listBlogsWithOwnerIds(db: Db): Promise<(Blog & { ownerIds: string[] })[]> {
  const blogs = await listBlogRows(db);
  const owners = await findOwnerIds(
    db,
    blogs.map((b) => b.id),
  );
  return blogs.map((blog) => ({ ...blog, ownerIds: owners.get(blog.id) ?? [] }));
}

/** Throws not-found. */
export async function getBlogWithOwnerIds(db: Db, id: string): Promise<Blog & { ownerIds: string[] }> {
  const blog = await findBlogRowById(db, id);
  if (!blog) throw notFound('Blog');
  return { ...blog, ownerIds: (await findOwnerIds(db, [id])).get(id) ?? [] };
}

/**
 * Changes a blog's title, description and owners (first owner first); the slug, part of every
 * post's address, stays. Returns the blog before and after. Throws not-found or invalid.
 */
export async function updateBlog(
  db: Db,
  id: string,
  input: Omit<BlogInput, 'slug'>,
  now = new Date(),
): Promise<{ before: Blog & { ownerIds: string[] }; after: Blog & { ownerIds: string[] } }> {
  const before = await getBlogWithOwnerIds(db, id);
  validateBlogInput(input, before.slug);
  const changes = { title: input.title.trim(), description: input.description?.trim() ?? '', updated_at: now.toISOString() };
  await updateBlogRow(db, id, changes);
  await replaceBlogOwners(db, id, input.ownerIds);
  return { before, after: { ...before, title: changes.title, description: changes.description, ownerIds: [...input.ownerIds] } };
}

/** When the blog was last changed (ISO), for a form to send back with its save. Throws not-found. */
export async function blogVersion(db: Db, id: string): Promise<string> {
  const version = await rowVersion(db, 'blogs', id);
  if (version === undefined) throw notFound('blog');
  return version;
}
