/** /admin/settings/demo: remove the demo content in one action, after a confirmation (administrators only). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { countDemoContent, removeDemoContent } from '../../demo/demo-admin.service.js';
import { DemoRemovalPage } from '../../views/pages/admin/settings/demo.page.js';
import { DoneQuery } from '../../http/schemas.js';
import { actorOf, sendAdminPage, type AdminDeps } from '../admin-page.js';

export const adminDemoRoutes: FastifyPluginAsyncTypebox<AdminDeps> = async (app, deps) => {
  const { db } = deps;

  app.get('/admin/settings/demo', { schema: { querystring: DoneQuery } }, async (request, reply) => {
    const counts = await countDemoContent(db, actorOf(request));
    const removed = request.query.done === 'removed';
    return sendAdminPage(deps, request, reply, 'settings', (_c, chrome) => (
      <DemoRemovalPage chrome={chrome} counts={counts} removed={removed} />
    ));
  });

  app.post('/admin/settings/demo', async (request, reply) => {
    await removeDemoContent(db, actorOf(request), deps.uploadsDir);
    return reply.redirect('/admin/settings/demo?done=removed', 303);
  });
};
