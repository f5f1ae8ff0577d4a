/** Test data through the real services, each with overrides for what a test cares about. */
import { createBlog } from '../../src/blogs/blog.service.js';
import type { Blog } from '../../src/blogs/blog.js';
import type { Person, PersonInput } from '../../src/people/person.js';
import { createPerson } from '../../src/people/person.service.js';
import type { Post, PostInput } from '../../src/posts/post.js';
import { createPost } from '../../src/posts/post.service.js';
import type { Db } from '../../src/storage/db.js';

let counter = 0;
const next = () => ++counter;

export async function buildPerson(db: Db, overrides: Partial<PersonInput> = {}): Promise<Person> {
  const n = next();
  return createPerson(db, { name: `Person Nummer${n}`, jobTitle: 'Konsulent', email: `person${n}@test.example`, ...overrides });
}

export async function buildBlog(
  db: Db,
  overrides: Partial<{ slug: string; title: string; description: string; ownerIds: string[] }> = {},
): Promise<Blog> {
  const n = next();
  const ownerIds = overrides.ownerIds ?? [(await buildPerson(db)).id];
  return createBlog(db, { slug: `blog-${n}`, title: `Blog ${n}`, description: `Om blog ${n}`, ...overrides, ownerIds });
}

export async function buildPost(db: Db, overrides: Partial<PostInput> = {}, now = new Date()): Promise<Post> {
  const n = next();
  const blogId = overrides.blogId ?? (await buildBlog(db)).id;
  const authors = overrides.authors ?? [{ personId: (await buildPerson(db)).id }];
  return createPost(
    db,
    {
      title: `Indlæg nummer ${n}`,
      lead: `Indledning ${n}`,
      body: `## Afsnit\n\nBrødtekst ${n}.`,
      status: 'published',
      publishedAt: new Date(now.getTime() - 60_000),
      ...overrides,
      blogId,
      authors,
    },
    now,
  );
}
