/** Rendering admin pages: always private, never cached, with the actor and CSRF token in the frame. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { Actor } from '../accounts/account.js';
import { AppError } from '../errors.js';
import { problemsIn, type ProblemCatalogue, type Problems } from '../shared/problems.js';
import { csrfFor } from '../http/auth.js';
import { sendPage, type PageDeps } from '../http/page-context.js';
import type { ViewContext } from '../views/context.js';
import type { AdminChrome } from '../views/layouts/admin-layout.js';
import { waitingFor } from '../live/waiting.js';

export interface AdminDeps extends PageDeps {
  onMailQueued?: () => void;
  /** Whether SMTP_URL is set, for the settings page. */
  smtpConfigured?: boolean;
  /** What this instance knows of itself, for the status page. */
  operations?: () => { jobsLastSucceededAt: Date | undefined; pageCache: { hits: number; misses: number } | undefined };
  /** UPLOADS_DIR: where images uploaded for posts are written. */
  uploadsDir: string;
}

export function sendAdminPage(
  deps: AdminDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  section: AdminChrome['section'],
  build: (context: ViewContext, chrome: AdminChrome) => ComponentChildren | Promise<ComponentChildren>,
  status = 200,
): Promise<FastifyReply> {
  const chrome: AdminChrome = { actor: request.actor, csrf: csrfFor(deps.secret, request), ...(section ? { section } : {}) };
  return sendPage(
    deps,
    request,
    reply,
    async (context) => {
      // The menu's waiting count (src/live keeps it current); a page still shows if it cannot be read.
      const waiting = request.actor ? await waitingFor(deps.db, request.actor).catch(() => undefined) : undefined;
      return build(context, waiting === undefined ? chrome : { ...chrome, waiting });
    },
    status,
    { private: true },
  );
}

/** The logged-in actor; the admin's own check has already sent everyone else to the login page. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('forbidden', 'Not logged in');
  return request.actor;
}

/** Field → problem for an invalid or conflict error, so the form can be shown again; undefined for any other error. */
export function formErrors<C extends ProblemCatalogue>(error: unknown, catalogue: C): Problems<C> | undefined {
  if (!(error instanceof AppError)) return undefined;
  if (error.code === 'invalid') return problemsIn(catalogue, error.details.fields ?? {});
  if (error.code === 'conflict') return problemsIn(catalogue, { [error.details.field ?? 'form']: 'conflict' });
  return undefined;
}

/** Throws forbidden unless `allowed`: every admin route checks its capability on the server. */
export function requireThat(allowed: boolean): void {
  if (!allowed) throw new AppError('forbidden', 'Your role does not allow this');
}

// The admin's routes read their schemas' values with these; they live with the schemas, for the public routes too.
export { clip, nonEmpty } from '../http/schemas.js';
