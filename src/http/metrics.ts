/**
 * /metrics in Prometheus' text format, for an operator's scraper. Each app has its own registry,
 * so several apps in one process (the tests) count apart. Off unless METRICS_TOKEN is set.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SubmitResult } from '../comments/comment.service.js';
import type { PageCache } from './page-cache.js';
import type { TimeBudget } from '../shared/time-budget.js';

export interface MetricsSources {
  pageCache?: PageCache | undefined;
  /** What searches no cache holds may take (SEARCH_MS_PER_SECOND), and how often it refused one. */
  searchBudget?: TimeBudget | undefined;
  /** Asked at each scrape; one indexed query. */
  outboxBacklog(): Promise<{ waiting: number; oldestWaitingAt: Date | undefined; parked: number }>;
}

export interface Metrics {
  registry: Registry;
  countComment(result: SubmitResult): void;
  countMailFailures(count: number): void;
  jobsSucceeded(at?: Date): void;
  observeRequest(method: string, route: string, status: number, seconds: number): void;
}

export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'ytring_http_requests_total',
    help: 'HTTP requests answered, by route pattern and status class.',
    labelNames: ['method', 'route', 'status_class'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'ytring_http_request_duration_seconds',
    help: 'Time from a request arriving to its answer, by route pattern and status class.',
    labelNames: ['method', 'route', 'status_class'] as const,
    registers: [registry],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });

  const cache = sources.pageCache;
  // The page cache keeps running totals of its own; the counters follow them at each scrape.
  const follow = (name: string, help: string, read: () => number) => {
    let seen = 0;
    return new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const now = read();
        if (now > seen) this.inc(now - seen);
        seen = now;
      },
    });
  };
  const searchBudget = sources.searchBudget;
  if (searchBudget)
    follow(
      'ytring_search_refused_total',
      'Searches answered 503 because searches had taken their share of the last second (SEARCH_MS_PER_SECOND).',
      () => searchBudget.refused,
    );
  if (cache) {
    follow('ytring_page_cache_hits_total', 'Anonymous pages served from the page cache.', () => cache.stats.hits);
    follow('ytring_page_cache_misses_total', 'Anonymous pages the cache could have kept but did not have.', () => cache.stats.misses);
    follow(
      'ytring_page_cache_refreshes_total',
      'Kept pages put together again after a change they follow (a comment count), instead of being rendered.',
      () => cache.stats.refreshed,
    );
    follow('ytring_page_cache_evictions_total', 'Pages dropped from the cache to stay within PAGE_CACHE_MB.', () => cache.stats.evicted);
    new Gauge({
      name: 'ytring_page_cache_bytes',
      help: 'Memory held by cached pages and their compressed forms.',
      registers: [registry],
      collect() {
        this.set(cache.bytesHeld);
      },
    });
  }

  const comments = new Counter({
    name: 'ytring_comments_total',
    help: 'Comments submitted through the form: accepted, held, spam, or refused (with the layer or reason).',
    labelNames: ['outcome', 'reason'] as const,
    registers: [registry],
  });
  const mailFailures = new Counter({
    name: 'ytring_mail_failures_total',
    help: 'Mail the SMTP server did not take.',
    registers: [registry],
  });
  const jobs = new Gauge({
    name: 'ytring_scheduler_last_success_timestamp_seconds',
    help: 'When scheduled posts and housekeeping last ran without error (Unix time).',
    registers: [registry],
  });

  const backlog = { waiting: 0, oldestAge: 0, parked: 0 };
  const refresh = async () => {
    try {
      const now = await sources.outboxBacklog();
      backlog.waiting = now.waiting;
      backlog.parked = now.parked;
      backlog.oldestAge = now.oldestWaitingAt ? Math.max(0, (Date.now() - now.oldestWaitingAt.getTime()) / 1000) : 0;
    } catch {
      // The database away: the scrape still answers, with the last known numbers.
    }
  };
  // The three gauges are collected together at each scrape: they share one query.
  let pending: Promise<void> | undefined;
  const fresh = () =>
    (pending ??= refresh().finally(() => {
      pending = undefined;
    }));
  new Gauge({
    name: 'ytring_outbox_waiting',
    help: 'Unsent mail still to be tried.',
    registers: [registry],
    async collect() {
      await fresh();
      this.set(backlog.waiting);
    },
  });
  new Gauge({
    name: 'ytring_outbox_oldest_age_seconds',
    help: 'Age of the oldest unsent mail still to be tried; 0 when none.',
    registers: [registry],
    async collect() {
      await fresh();
      this.set(backlog.oldestAge);
    },
  });
  new Gauge({
    name: 'ytring_outbox_parked',
    help: 'Unsent mail no longer tried: given up after repeated failures, or kept because SMTP_URL is unset.',
    registers: [registry],
    async collect() {
      await fresh();
      this.set(backlog.parked);
    },
  });

  return {
    registry,
    countComment(result) {
      if (result.kind === 'published') comments.inc({ outcome: 'accepted', reason: '' });
      else if (result.kind === 'held') comments.inc({ outcome: result.status === 'spam' ? 'spam' : 'held', reason: '' });
      // The spam layer (honeypot, question, rate-limit …), 'closed', or 'invalid' for the person's own mistakes.
      else comments.inc({ outcome: 'refused', reason: result.refusal });
    },
    countMailFailures(count) {
      if (count > 0) mailFailures.inc(count);
    },
    jobsSucceeded(at = new Date()) {
      jobs.set(at.getTime() / 1000);
    },
    observeRequest(method, route, status, seconds) {
      const labels = { method, route, status_class: `${Math.floor(status / 100)}xx` };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
  };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Counts every answered request by its route pattern, and serves /metrics to the holder of the token. */
export function registerMetrics(app: FastifyInstance, metrics: Metrics, token: string): void {
  app.addHook('onResponse', async (request, reply) => {
    // The pattern, never the address: addresses carry slugs and tokens, and would grow without bound.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });

  const expected = digest(token);
  app.get('/metrics', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .type('text/plain; charset=utf-8')
        .send('A bearer token is needed.\n');
    }
    // Hashes have equal lengths, so the comparison takes the same time whatever was sent.
    if (!timingSafeEqual(digest(header.slice('Bearer '.length)), expected)) {
      return reply.code(403).type('text/plain; charset=utf-8').send('Wrong token.\n');
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
