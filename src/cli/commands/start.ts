import { buildApp } from '../../app.js';
import type { Config } from '../../config.js';

export async function startCommand(config: Config): Promise<void> {
  const startedAt = performance.now();
  const app = await buildApp(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.server.log.info({ signal }, 'shutting down: finishing requests in flight');
    // Fastify stops accepting connections, waits for requests in flight, then we close the database.
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(() => process.exit(0), (error: unknown) => {
      app.server.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  await app.server.listen({ port: config.port, host: config.host });
  const address = app.server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  if (app.demo) {
    app.server.log.info(app.demo, 'loaded the demo site');
  }
  app.server.log.info({ database: config.database.dialect, ms: Math.round(performance.now() - startedAt) }, `Ytring is running at ${config.baseUrl.replace(`:${config.port}`, `:${port}`)}`);
}
