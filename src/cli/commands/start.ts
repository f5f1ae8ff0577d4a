import { buildApp } from '../../app.js';
import { hasAdmin, isSetupOpen } from '../../accounts/account.service.js';
import type { Config } from '../../config.js';

export async function startCommand(config: Config): Promise<void> {
  const startedAt = performance.now();
  const app = await buildApp(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.server.log.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    // Still listening while requests in flight finish, with /readyz saying 503 so a balancer looks
    // elsewhere; then Fastify stops accepting connections and we close the database.
    app
      .drain(8_000)
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          app.server.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  await app.server.listen({ port: config.port, host: config.host });
  const address = app.server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const listening = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  if (app.demo) {
    app.server.log.info(app.demo, 'loaded the demo site');
  }
  // Port 0 asks the system for a free port: then the address actually bound is the one to show.
  const url = config.port === 0 ? listening : config.baseUrl;
  app.server.log.info(
    { database: config.database.dialect, ms: Math.round(performance.now() - startedAt), listening },
    `Ytring is running at ${url}`,
  );
  if (config.redisUrl) {
    app.server.log.info(
      'REDIS_URL is set but not needed: page caches hear of changes through the database, and rate limits live there too',
    );
  }
  if (await isSetupOpen(app.database.db)) {
    app.server.log.info(
      `No administrator yet: open ${url}/admin/setup to create one, or run: ytring user add --role admin --email you@example.org --name "Your Name"`,
    );
  } else if (!(await hasAdmin(app.database.db))) {
    app.server.log.warn('No active administrator: run ytring user add --role admin --email you@example.org --name "Your Name"');
  }
}
