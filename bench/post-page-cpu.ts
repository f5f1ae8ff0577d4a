/**
 * CPU per post page answered from scratch (page cache off), in-process: a 200-comment post is
 * fetched N times over HTTP and the process's own CPU time is divided by N. Usage:
 *   node --import tsx bench/post-page-cpu.ts [sqlite|postgres] [requests] [--prof]
 */
import { request as httpRequest } from 'node:http';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { startTestServer } from '../test/support/server.js';
import { buildPost } from '../test/support/factories.js';
import { addImportedComment } from '../src/comments/comment.service.js';
import { updateSiteSettings } from '../src/settings/settings.service.js';

const dialect = (process.argv[2] === 'postgres' ? 'postgres' : 'sqlite') as 'sqlite' | 'postgres';
const N = Number(process.argv[3] ?? 200);
const prof = process.argv.includes('--prof');

const get = (url: string) =>
  new Promise<number>((resolve, reject) => {
    httpRequest(url, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
      let size = 0;
      response.on('data', (c: Buffer) => (size += c.length));
      response.on('end', () => resolve(size));
    })
      .on('error', reject)
      .end();
  });

const server = await startTestServer(dialect, { env: { PAGE_CACHE_MB: '0' } });
await updateSiteSettings(server.db, { commentPolicy: 'open', commentsPerPage: 200 });
const post = await buildPost(server.db, { slug: 'debat', title: 'Debatten' });
const blog = await server.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
const ids: string[] = [];
for (let i = 0; i < 200; i++) {
  const parentId = i % 3 === 2 ? ids[i - 1]! : null;
  const body = `Indlæg ${i} om sagen. ${'Lidt mere tekst om emnet, med *vægt* og et [link](https://example.test/). '.repeat(3)}`;
  const input = { postId: post.id, parentId, name: `Læser ${i}`, email: `l${i}@example.test`, body };
  ids.push(
    await addImportedComment(server.db, 'secret', 3, { ...input, status: 'approved', createdAt: new Date(Date.UTC(2026, 0, 1, 10, i)) }),
  );
}
const url = `${server.url}/${blog.slug}/${post.slug}`;
for (let i = 0; i < 50; i++) await get(url);
let session: Session | undefined;
if (prof) {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
}
const rounds: number[] = [];
for (let round = 0; round < 5; round++) {
  const start = process.cpuUsage();
  for (let i = 0; i < N; i++) await get(url);
  const used = process.cpuUsage(start);
  rounds.push((used.user + used.system) / 1000 / N);
}
if (session) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync('/tmp/s2/post-page.cpuprofile', JSON.stringify(profile));
}
rounds.sort((a, b) => a - b);
console.log(
  `${dialect}: CPU ms per page (client included), rounds sorted: ${rounds.map((r) => r.toFixed(2)).join(' ')}; median ${rounds[2]!.toFixed(2)}`,
);
await server.close();
