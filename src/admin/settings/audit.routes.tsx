/** /admin/audit: the audit log, filtered, paged and exported as CSV. Read-only: no route changes an entry. */
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canViewAudit } from '../../accounts/account.js';
import { parseAuditFilter } from '../../accounts/audit.js';
import { auditCsv, auditFilterChoices, listAudit } from '../../accounts/audit.service.js';
import { PageNumber, pageOf, Query, Text } from '../../http/schemas.js';
import { getSiteSettings } from '../../settings/settings.service.js';
import { AuditPage } from '../../views/pages/admin/settings/audit.page.js';
import { actorOf, requireThat, sendAdminPage, type AdminDeps } from '../admin-page.js';

// The filters by shape; a day that is no day is refused by parseAuditFilter, with the filter kept.
const FilterQuery = Query({ action: Text, type: Text, actor: Text, from: Text, to: Text });
const ListQuery = Query({ ...FilterQuery.properties, page: PageNumber });

export const adminAuditRoutes: FastifyPluginAsyncTypebox<AdminDeps> = async (app, deps) => {
  const { db } = deps;

  app.get('/admin/audit', { schema: { querystring: ListQuery } }, async (request, reply) => {
    requireThat(canViewAudit(actorOf(request)));
    const page = pageOf(request.query.page);
    const { timeZone } = await getSiteSettings(db);
    const { input, query, errors } = parseAuditFilter(request.query, timeZone);
    const valid = Object.keys(errors).length === 0;
    const [choices, entries] = await Promise.all([
      auditFilterChoices(db),
      valid ? listAudit(db, query, page) : Promise.resolve({ items: [], page: 1, pages: 1, total: 0 }),
    ]);
    return sendAdminPage(
      deps,
      request,
      reply,
      'audit',
      (_c, chrome) => (
        <AuditPage
          chrome={chrome}
          filter={input}
          errors={errors}
          choices={choices}
          entries={entries.items}
          page={entries.page}
          pages={entries.pages}
          total={entries.total}
        />
      ),
      valid ? 200 : 422,
    );
  });

  app.get('/admin/audit.csv', { schema: { querystring: FilterQuery } }, async (request, reply) => {
    requireThat(canViewAudit(actorOf(request)));
    const { timeZone } = await getSiteSettings(db);
    const { query, errors } = parseAuditFilter(request.query, timeZone);
    if (Object.keys(errors).length > 0) {
      return reply
        .code(422)
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(`Invalid filter: ${Object.keys(errors).join(', ')}\n`);
    }
    const day = new Date().toISOString().slice(0, 10);
    return reply
      .code(200)
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-log-${day}.csv"`)
      .header('cache-control', 'private, no-store')
      .send(Readable.from(auditCsv(db, query)));
  });
};
