/** Followers (issue 19): how long publishing a post to 10,000 followers takes to queue, and how fast the outbox delivers to a local SMTP server. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createBlog } from '../src/blogs/blog.service.js';
import { queueFollowerMails } from '../src/followers/follower.service.js';
import { importFollowers } from '../src/followers/follower.service.js';
import { deliverPending, smtpTransport } from '../src/notifications/mail.service.js';
import { createPerson } from '../src/people/person.service.js';
import { createPost } from '../src/posts/post.service.js';
import { openDb } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrate.js';

export async function benchFollowers(followers = 10_000, deliver = 500): Promise<{ queueMs: number; deliveredPerSecond: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ytring-bench-followers-'));
  const database = openDb({ dialect: 'sqlite', url: `sqlite:${join(dir, 'f.db')}`, filename: join(dir, 'f.db') });
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (s, _x, cb) => s.resume().on('end', () => cb()),
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  try {
    const { db } = database;
    await migrateToLatest(db, database.dialect);
    const now = new Date();
    const person = await createPerson(db, { name: 'Bench Author' }, now);
    const blog = await createBlog(db, { title: 'Bench', slug: 'bench', ownerIds: [person.id] }, now);
    await importFollowers(
      db,
      'bench-secret',
      { kind: 'site', targetId: '' },
      Array.from({ length: followers }, (_, i) => ({ email: `reader${i}@bench.example`, consentAt: now, consentSource: 'bench' })),
      now,
    );
    await createPost(
      db,
      { blogId: blog.id, title: 'Bench post', lead: 'Lead', body: 'Body', status: 'published', authors: [{ personId: person.id }] },
      now,
    );
    const site = { baseUrl: 'https://bench.example', title: 'Bench', language: 'en' as const };
    const started = performance.now();
    await queueFollowerMails(db, { secret: 'bench-secret', now, site }, { perMinute: 1_000_000 });
    const queueMs = performance.now() - started;
    const { port } = smtp.server.address() as AddressInfo;
    const transport = smtpTransport(`smtp://127.0.0.1:${port}?ignoreTLS=true&pool=true`);
    const sendStart = performance.now();
    const counts = await deliverPending(db, transport, { from: 'bench@bench.example', limit: deliver, now });
    const deliveredPerSecond = counts.sent / ((performance.now() - sendStart) / 1000);
    return { queueMs, deliveredPerSecond };
  } finally {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
