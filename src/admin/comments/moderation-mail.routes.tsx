/** /admin/moderation-mail: the logged-in person chooses how they hear of waiting comments (issue 15). */
import type { FastifyPluginAsync } from 'fastify';
import { chooseCommentMail, commentMailOf } from '../../comments/moderator-mail.service.js';
import { ModerationMailPage } from '../../views/pages/admin/comments/moderation-mail.page.js';
import { actorOf, field, sendAdminPage, type AdminDeps } from '../admin-page.js';

export const adminModerationMailRoutes: FastifyPluginAsync<AdminDeps> = async (app, deps) => {
  const { db } = deps;

  app.get('/admin/moderation-mail', async (request, reply) => {
    const current = await commentMailOf(db, actorOf(request));
    const saved = (request.query as Record<string, unknown> | undefined)?.done === 'saved';
    return sendAdminPage(deps, request, reply, 'comments', (_c, chrome) => (
      <ModerationMailPage chrome={chrome} current={current} saved={saved} />
    ));
  });

  app.post('/admin/moderation-mail', async (request, reply) => {
    await chooseCommentMail(db, actorOf(request), field(request.body, 'commentMail', 20));
    return reply.redirect('/admin/moderation-mail?done=saved', 303);
  });
};
