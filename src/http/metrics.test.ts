import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { queueMail } from '../notifications/mail.service.js';
import { updateSiteSettings } from '../settings/settings.service.js';
import { createMetrics } from './metrics.js';
import { postComment } from '../../test/support/comments.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildPost } from '../../test/support/factories.js';
import { parsePrometheusText, sampleValue, type Family } from '../../test/support/prometheus.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';

const TOKEN = 'scrape-me-please-0123456789';

/** A port on 127.0.0.1 that nothing listens on: a mail server that refuses. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

for (const dialect of DIALECTS) {
  describe(`/metrics (${dialect})`, () => {
    let server: TestServer;
    let path: string;
    before(async () => {
      server = await startTestServer(dialect, {
        env: { METRICS_TOKEN: TOKEN, PAGE_CACHE_MB: '64', SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` },
      });
      await updateSiteSettings(server.db, { minSecondsToSubmit: 0 });
      const post = await buildPost(server.db);
      const blog = await server.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
      path = `/${blog.slug}/${post.slug}`;
    });
    after(async () => {
      await server?.close();
    });

    const scrape = async (): Promise<Map<string, Family>> => {
      const response = await server.get('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      return parsePrometheusText(await response.text());
    };
    const value = (families: Map<string, Family>, name: string, labels: Record<string, string> = {}) =>
      sampleValue(families, name, labels) ?? 0;

    it('asks for the token: 401 without one, 403 with a wrong one', async () => {
      const without = await server.get('/metrics');
      assert.equal(without.status, 401);
      assert.match(without.headers.get('www-authenticate') ?? '', /^Bearer/);
      assert.equal((await server.get('/metrics', { headers: { authorization: `Bearer ${TOKEN}x` } })).status, 403);
      assert.equal((await server.get('/metrics', { headers: { authorization: 'Bearer short' } })).status, 403);
      assert.equal((await server.get('/metrics', { headers: { authorization: `Basic ${TOKEN}` } })).status, 401);
    });

    it('counts requests by route pattern and status class, and the page cache’s hits and misses', async () => {
      const before = await scrape();
      for (let i = 0; i < 2; i++) assert.equal((await server.get(path)).status, 200);
      assert.equal((await server.get(`${path}-no-such-post-7f3a`)).status, 404);
      const after = await scrape();
      const route = { method: 'GET', route: '/:blog/:slug', status_class: '2xx' };
      assert.equal(value(after, 'ytring_http_requests_total', route) - value(before, 'ytring_http_requests_total', route), 2);
      assert.equal(
        value(after, 'ytring_http_request_duration_seconds_count', route) -
          value(before, 'ytring_http_request_duration_seconds_count', route),
        2,
      );
      assert.ok(value(after, 'ytring_http_requests_total', { ...route, status_class: '4xx' }) >= 1);
      assert.ok(
        !after.get('ytring_http_requests_total')!.samples.some((s) => s.labels.route!.includes('7f3a')),
        'no raw address as a label',
      );
      assert.ok(value(after, 'ytring_page_cache_misses_total') > value(before, 'ytring_page_cache_misses_total'));
      assert.ok(value(after, 'ytring_page_cache_hits_total') > value(before, 'ytring_page_cache_hits_total'));
      assert.ok(value(after, 'ytring_page_cache_bytes') > 0);
      assert.ok(value(after, 'process_resident_memory_bytes') > 0);
      assert.ok(after.has('nodejs_eventloop_lag_seconds'));
    });

    it('counts comments as accepted, held or refused with the layer that stopped them', async () => {
      const before = await scrape();
      assert.equal((await postComment(server, path)).status, 303);
      assert.equal((await postComment(server, path, { website: 'https://spam.example' })).status, 422);
      const after = await scrape();
      const moved = (labels: Record<string, string>) =>
        value(after, 'ytring_comments_total', labels) - value(before, 'ytring_comments_total', labels);
      // A first-time commenter may be held for moderation or published, depending on the site's policy.
      assert.equal(moved({ outcome: 'accepted' }) + moved({ outcome: 'held' }), 1);
      assert.equal(moved({ outcome: 'refused', reason: 'honeypot' }), 1);
    });

    it('shows mail waiting in the outbox, its age, and failed sends', async () => {
      const before = await scrape();
      await queueMail(
        server.db,
        { to: 'reader@debat.example', subject: 'Hej', text: 'Et brev der ikke kommer frem.' },
        new Date(Date.now() - 60_000),
      );
      server.app.mail.kick();
      let after = before;
      for (let i = 0; i < 50 && value(after, 'ytring_mail_failures_total') === value(before, 'ytring_mail_failures_total'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        after = await scrape();
      }
      assert.ok(value(after, 'ytring_mail_failures_total') > value(before, 'ytring_mail_failures_total'));
      assert.ok(value(after, 'ytring_outbox_waiting') >= 1);
      assert.ok(value(after, 'ytring_outbox_oldest_age_seconds') >= 59);
    });
  });
}

describe('the metrics an app keeps', () => {
  it('tells when the scheduled jobs last succeeded, and each app counts apart', async () => {
    const backlog = async () => ({ waiting: 0, oldestWaitingAt: undefined, parked: 0 });
    const one = createMetrics({ outboxBacklog: backlog });
    const other = createMetrics({ outboxBacklog: backlog });
    one.jobsSucceeded(new Date('2026-12-04T12:00:00Z'));
    one.countMailFailures(2);
    const first = parsePrometheusText(await one.registry.metrics());
    const second = parsePrometheusText(await other.registry.metrics());
    assert.equal(sampleValue(first, 'ytring_scheduler_last_success_timestamp_seconds'), Date.parse('2026-12-04T12:00:00Z') / 1000);
    assert.equal(sampleValue(first, 'ytring_mail_failures_total'), 2);
    assert.equal(sampleValue(second, 'ytring_mail_failures_total'), 0);
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('sqlite');
  });
  after(async () => {
    await server?.close();
  });

  it('does not exist', async () => {
    assert.equal((await server.get('/metrics')).status, 404);
    assert.equal((await server.get('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).status, 404);
  });
});
