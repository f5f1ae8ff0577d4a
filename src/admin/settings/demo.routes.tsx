/** /admin/settings/demo: remove the demo content in one action, after a confirmation (administrators only). */
import type { FastifyPluginAsync } from 'fastify';
import { countDemoContent, removeDemoContent } from '../../demo/demo-admin.service.js';
import { DemoRemovalPage } from '../../views/pages/admin/settings/demo.page.js';
import { actorOf, sendAdminPage, type AdminDeps } from '../admin-page.js';

export const adminDemoRoutes: FastifyPluginAsync<AdminDeps> = async (app, deps) => {
  const { db } = deps;

  app.get('/admin/settings/demo', async (request, reply) => {
    const counts = await countDemoContent(db, actorOf(request));
    const removed = (request.query as Record<string, unknown> | undefined)?.done === 'removed';
    return sendAdminPage(deps, request, reply, 'settings', (_c, chrome) => (
      <DemoRemovalPage chrome={chrome} counts={counts} removed={removed} />
    ));
  });

  app.post('/admin/settings/demo', async (request, reply) => {
    await removeDemoContent(db, actorOf(request), deps.uploadsDir);
    return reply.redirect('/admin/settings/demo?done=removed', 303);
  });
};
