/** /admin/status: how the site runs (version, migrations, database size, jobs, cache, mail), for administrators. */
import { readFileSync } from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canManageSettings } from '../../accounts/account.js';
import { listStuckMail, outboxBacklog, retryMail } from '../../notifications/mail.service.js';
import { databaseSizeBytes } from '../../storage/db.js';
import { pendingMigrations } from '../../storage/migrate.js';
import { migrations } from '../../storage/migrations/index.js';
import { StatusPage } from '../../views/pages/admin/status/status.page.js';
import { DoneQuery, IdParams } from '../../http/schemas.js';
import { actorOf, requireThat, sendAdminPage, type AdminDeps } from '../admin-page.js';
import { sectionText } from '../admin-i18n.js';
import { doneNotice } from '../people/form-input.js';
import { statusMessages } from './status.messages.js';
import { PACKAGE_ROOT } from '../../package-root.js';

const VERSION = (JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as { version?: string }).version ?? '?';

export const adminStatusRoutes: FastifyPluginAsyncTypebox<AdminDeps> = async (app, deps) => {
  const { db } = deps;

  app.get('/admin/status', { schema: { querystring: DoneQuery } }, async (request, reply) => {
    requireThat(canManageSettings(actorOf(request)));
    const [pending, databaseBytes, mail, stuck] = await Promise.all([
      pendingMigrations(db),
      databaseSizeBytes(db).catch(() => undefined),
      outboxBacklog(db),
      listStuckMail(db),
    ]);
    const done = doneNotice(request.query.done, ['retried', 'notRetried'] as const);
    const operations = deps.operations?.();
    return sendAdminPage(deps, request, reply, 'status', ({ i18n }, chrome) => {
      const t = sectionText(statusMessages, i18n.lang);
      return (
        <StatusPage
          chrome={chrome}
          notice={done ? t(done === 'retried' ? 'status.retried' : 'status.notRetried') : undefined}
          status={{
            version: VERSION,
            migrationsApplied: Object.keys(migrations).length - pending.length,
            migrationsPending: pending.length,
            databaseBytes,
            jobsLastSucceededAt: operations?.jobsLastSucceededAt,
            cache: operations?.pageCache,
            mail,
            stuck,
          }}
        />
      );
    });
  });

  app.post('/admin/status/mail/:id/retry', { schema: { params: IdParams } }, async (request, reply) => {
    requireThat(canManageSettings(actorOf(request)));
    const retried = await retryMail(db, request.params.id);
    if (retried) deps.onMailQueued?.();
    return reply.redirect(`/admin/status?done=${retried ? 'retried' : 'notRetried'}`, 303);
  });
};
