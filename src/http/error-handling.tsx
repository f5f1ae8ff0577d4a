/** Error mapping: domain errors, an absent database and Fastify's own to a page with the right status; the rest to a logged 500. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type AppErrorCode } from '../errors.js';
import { findRedirect } from '../redirects/redirect.service.js';
import { isDatabaseUnavailable, isUnstorableText } from '../storage/errors.js';
import { ErrorPage, type ErrorKind } from '../views/pages/site/error.page.js';
import { markPastTheEnd } from './page-cache.js';
import { sendPage, type PageDeps } from './page-context.js';

/** The page each domain error is shown with (its status is the error's own); tsc fails here when a code is added without one. */
const ERROR_PAGE: Record<AppErrorCode, ErrorKind> = {
  not_found: 'notFound',
  gone: 'gone',
  unavailable: 'unavailable',
  forbidden: 'badRequest',
  invalid: 'badRequest',
  conflict: 'badRequest',
  rate_limited: 'badRequest',
};

/** The error page of `kind` with `status`; a plain-text answer when even that cannot be rendered. */
export async function sendErrorPage(deps: PageDeps, request: FastifyRequest, reply: FastifyReply, kind: ErrorKind, status: number) {
  try {
    // A 503 page asks nothing of the database: when it is away, asking again would double the wait.
    return await sendPage(deps, request, reply, () => <ErrorPage kind={kind} />, status, { offline: status === 503 });
  } catch {
    // The database may be the reason we are here: fall back to a page that needs nothing.
    return reply
      .code(status)
      .type('text/plain; charset=utf-8')
      .send(status === 503 ? 'Service unavailable. Please try again shortly.' : 'Error');
  }
}

/** Sets the not-found and error handlers; before the routes are registered, as Fastify copies them into each plugin's context. */
export function registerErrorHandling(app: FastifyInstance, deps: PageDeps): void {
  const sendError = (request: FastifyRequest, reply: FastifyReply, kind: ErrorKind, status: number) =>
    sendErrorPage(deps, request, reply, kind, status);

  app.setNotFoundHandler(async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD') {
      const target = await findRedirect(deps.db, request.url).catch(() => undefined);
      if (target) return reply.code(301).header('cache-control', 'public, max-age=3600').redirect(target, 301);
    }
    return sendError(request, reply, 'notFound', 404);
  });

  app.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.code === 'not_found' && (request.method === 'GET' || request.method === 'HEAD')) {
        const target = await findRedirect(deps.db, request.url).catch(() => undefined);
        if (target) return reply.redirect(target, 301);
      }
      if (error.details.lastPage !== undefined) markPastTheEnd(request, error.details.lastPage);
      return sendError(request, reply, ERROR_PAGE[error.code], error.status);
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', '5');
      return sendError(request, reply, 'unavailable', 503);
    }
    // A %00 in an address or a form reaches the database as a NUL byte, which one of them rejects.
    if (isUnstorableText(error)) return sendError(request, reply, 'badRequest', 400);
    if (error.statusCode && error.statusCode < 500) {
      return sendError(request, reply, error.statusCode === 404 ? 'notFound' : 'badRequest', error.statusCode);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 'server', 500);
  });
}
