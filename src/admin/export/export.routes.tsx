/** /admin/export: an administrator downloads the whole site, as a Ytring export (NDJSON) or a WordPress export (WXR). */
import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canExport } from '../../accounts/account.js';
import { audit } from '../../accounts/account.service.js';
import { AppError } from '../../errors.js';
import { exportSite } from '../../import-export/exporter.js';
import { exportWxr } from '../../import-export/wxr-exporter.js';
import { ExportPage } from '../../views/pages/admin/export/export.page.js';
import { Form, Text } from '../../http/schemas.js';
import { actorOf, requireThat, sendAdminPage, type AdminDeps } from '../admin-page.js';

const FORMATS = {
  ytring: { extension: 'ndjson', type: 'application/x-ndjson; charset=utf-8' },
  wxr: { extension: 'xml', type: 'application/xml; charset=utf-8' },
} as const;

export const adminExportRoutes: FastifyPluginAsyncTypebox<AdminDeps> = async (app, deps) => {
  const { db } = deps;

  app.get('/admin/export', async (request, reply) => {
    requireThat(canExport(actorOf(request)));
    return sendAdminPage(deps, request, reply, 'export', (_c, chrome) => <ExportPage chrome={chrome} />);
  });

  // The format by shape: any other choice is answered with the form's own problem code.
  app.post('/admin/export', { schema: { body: Form({ format: Text }) } }, async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canExport(actor));
    const { format } = request.body;
    if (format !== 'ytring' && format !== 'wxr') throw new AppError('invalid', 'Choose ytring or wxr', { fields: { format: 'invalid' } });
    const now = new Date();
    await audit(db, actor, 'site.export', { type: 'site', summary: format });
    // The exporters write to a stream with back-pressure, so the file goes out as it is made and
    // never sits whole in memory or on disk. A failure midway cuts the download off.
    const out = new PassThrough();
    const done = format === 'ytring' ? exportSite(db, out, { now }) : exportWxr(db, out, { baseUrl: deps.baseUrl, now });
    done.then(
      () => out.end(),
      (error: unknown) => {
        request.log.error({ err: error }, 'export failed');
        out.destroy(error instanceof Error ? error : new Error(String(error)));
      },
    );
    const { extension, type } = FORMATS[format];
    return reply
      .code(200)
      .type(type)
      .header('content-disposition', `attachment; filename="ytring-export-${now.toISOString().slice(0, 10)}.${extension}"`)
      .header('cache-control', 'private, no-store')
      .send(out);
  });
};
