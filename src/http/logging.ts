/**
 * Where the log goes and what one request writes: JSON lines for a log collector, or readable
 * coloured lines when a person watches a terminal; one line per answered request.
 */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import pretty from 'pino-pretty';
import { redactUrl } from './request-log.js';

export interface LogOutput {
  /** Readable lines (a terminal) instead of JSON. */
  pretty?: boolean | undefined;
  /** Somewhere else than standard output (the tests read it). */
  stream?: NodeJS.WritableStream | undefined;
}

/** The `stream` part of Fastify's logger options. */
export function logStream(output: LogOutput): { stream?: NodeJS.WritableStream } {
  if (output.stream) return { stream: output.stream };
  // In this thread and synchronous, so the last lines before an exit are not lost.
  if (output.pretty) {
    return {
      stream: pretty({
        colorize: true,
        sync: true,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname,reqId,method,route,url,statusCode,ms',
        // A request on one line, "GET /:blog/:slug 200 3.1 ms", and every line with its request id.
        messageFormat: (log, messageKey) => {
          const id = typeof log.reqId === 'string' ? `  [${log.reqId}]` : '';
          if (log[messageKey] === 'request')
            return `${String(log.method)} ${String(log.url ?? log.route ?? '')} ${String(log.statusCode)} ${String(log.ms)} ms${id}`;
          return `${String(log[messageKey])}${id}`;
        },
      }),
    };
  }
  return {};
}

const ABOVE_INFO = new Set(['warn', 'error', 'fatal', 'silent']);

/** Fastify's two lines per request (incoming, completed) become one, written when the answer has been sent. */
export class OneLinePerRequest extends LogController {
  // Kept for debugging (and the tests that wait for a request to be in flight), with the request as the serializer shows it.
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    // Below info nothing is written, and redacting a long address cost about 4% of a kept post page.
    if (!error && ABOVE_INFO.has(reply.log.level)) return;
    // The route's pattern to group by, and the address with its link tokens and CSRF values
    // replaced, so an operator sees which page was asked for without the secrets in it.
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? null,
      url: redactUrl(request.url),
      statusCode: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request failed');
    else reply.log.info(line, 'request');
  }
}
