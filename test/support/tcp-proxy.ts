/** A TCP proxy on 127.0.0.1 that a test can cut and restore, to take a database away from a running app. */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /**
   * Ends every open connection and turns new ones away. `hang: true` instead accepts new
   * connections and never answers them, as a network that drops packets does.
   */
  cut(options?: { hang?: boolean }): void;
  /** Forwards new connections again; what was held while cut is dropped. */
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let state: 'forward' | 'refuse' | 'hang' = 'forward';
  const track = (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    // A peer reset while cut is expected; without a listener it would crash the test process.
    socket.on('error', () => socket.destroy());
  };

  const server: Server = createServer((client) => {
    track(client);
    if (state === 'refuse') {
      // The port stays ours (another process cannot take it before restore); a reset is what
      // a client sees from a host whose database is not there.
      client.resetAndDestroy();
      return;
    }
    if (state === 'hang') return;
    const upstream = createConnection(target);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');

  const dropAll = () => {
    for (const socket of open) socket.resetAndDestroy();
    open.clear();
  };
  return {
    port: address.port,
    cut(options = {}) {
      state = options.hang ? 'hang' : 'refuse';
      dropAll();
    },
    restore() {
      state = 'forward';
      dropAll();
    },
    async close() {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
