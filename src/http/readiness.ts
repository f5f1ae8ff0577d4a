/**
 * What a load balancer asks: /healthz (the process answers and reaches its database) and /readyz
 * (it should be sent traffic: database up, schema current, change notifications heard, not draining).
 */
import type { FastifyInstance } from 'fastify';
import type { ContentVersion } from '../storage/content-version.js';
import type { Db } from '../storage/db.js';
import { pendingMigrations } from '../storage/migrate.js';

/** Shared between the server and whoever stops it. */
export interface Lifecycle {
  /** Set on SIGTERM: /readyz says 503 so the balancer stops sending, while requests in flight finish. */
  draining: boolean;
  /** Requests begun and not yet answered (or abandoned). */
  inFlight: number;
  /** When scheduled posts and housekeeping last ran without error in this process. */
  jobsLastSucceededAt?: Date;
}

export const newLifecycle = (): Lifecycle => ({ draining: false, inFlight: 0 });

export function registerReadiness(
  app: FastifyInstance,
  deps: { db: Db; contentVersion?: ContentVersion | undefined; lifecycle: Lifecycle },
): void {
  const { lifecycle } = deps;
  app.addHook('onRequest', async (_request, reply) => {
    lifecycle.inFlight++;
    // The response's close comes once whether it was sent or the client went away.
    reply.raw.once('close', () => {
      lifecycle.inFlight--;
    });
  });

  app.get('/readyz', async (_request, reply) => {
    const checks: Record<string, 'ok' | 'failing' | 'draining' | 'pending'> = {};
    if (lifecycle.draining) checks.shutdown = 'draining';
    try {
      checks.migrations = (await pendingMigrations(deps.db)).length === 0 ? 'ok' : 'pending';
      checks.database = 'ok';
    } catch {
      checks.database = 'failing';
    }
    const listening = deps.contentVersion?.listening?.();
    if (listening !== undefined) checks.notifications = listening ? 'ok' : 'failing';
    const ready = Object.values(checks).every((value) => value === 'ok');
    return reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : 'unavailable', checks });
  });
}
