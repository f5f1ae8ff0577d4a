/** A Server-Sent Events reader for tests and the bench: node:http, so many can be open at once and each is closed at will. */
import http from 'node:http';

export interface LiveMessage {
  event: string;
  id: string | undefined;
  data: string;
}

export interface LiveStreamClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body when the server refused (status ≠ 200). */
  body: string;
  messages: LiveMessage[];
  /** Resolves with the first message (already received or to come) that matches, or rejects after `timeoutMs`. */
  next(match: (message: LiveMessage) => boolean, timeoutMs?: number): Promise<LiveMessage>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export function openLiveStream(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<LiveStreamClient> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseUrl}${path}`, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      response.setEncoding('utf8');
      const messages: LiveMessage[] = [];
      const waiters: { match: (m: LiveMessage) => boolean; resolve: (m: LiveMessage) => void }[] = [];
      let buffer = '';
      let body = '';
      let endedResolve: () => void = () => {};
      const ended = new Promise<void>((r) => (endedResolve = r));
      response.on('data', (chunk: string) => {
        if (response.statusCode !== 200) {
          body += chunk;
          return;
        }
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let event = 'message';
          let id: string | undefined;
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'event') event = value;
            else if (field === 'id') id = value;
            else if (field === 'data') data.push(value);
          }
          if (data.length === 0) continue;
          const message = { event, id, data: data.join('\n') };
          messages.push(message);
          for (const waiter of [...waiters])
            if (waiter.match(message)) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(message);
            }
        }
      });
      response.on('end', () => endedResolve());
      response.on('close', () => endedResolve());
      response.on('error', () => endedResolve());
      const client: LiveStreamClient = {
        status: response.statusCode ?? 0,
        headers: response.headers,
        get body() {
          return body;
        },
        messages,
        ended,
        next(match, timeoutMs = 5000) {
          const found = messages.find(match);
          if (found) return Promise.resolve(found);
          return new Promise((res, rej) => {
            const timer = setTimeout(() => {
              waiters.splice(waiters.indexOf(waiter), 1);
              rej(new Error(`no matching live message within ${timeoutMs} ms; got ${JSON.stringify(messages)}`));
            }, timeoutMs);
            const waiter = {
              match,
              resolve: (m: LiveMessage) => {
                clearTimeout(timer);
                res(m);
              },
            };
            waiters.push(waiter);
          });
        },
        close: () => request.destroy(),
      };
      if (response.statusCode !== 200) response.on('end', () => resolve(client));
      else resolve(client);
    });
    request.on('error', reject);
  });
}

/** The comment a `comment` message carries. */
export const liveComment = (message: LiveMessage) => JSON.parse(message.data) as { id: string; parentId: string | null; html: string };
