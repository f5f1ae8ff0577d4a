/** /admin/moderation-mail: the logged-in person chooses how they hear of waiting comments (issue 15). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { chooseCommentMail, commentMailOf } from '../../comments/moderator-mail.service.js';
import { ModerationMailPage } from '../../views/pages/admin/comments/moderation-mail.page.js';
import { DoneQuery, Form, Text } from '../../http/schemas.js';
import { actorOf, clip, sendAdminPage, type AdminDeps } from '../admin-page.js';

export const adminModerationMailRoutes: FastifyPluginAsyncTypebox<AdminDeps> = async (app, deps) => {
  const { db } = deps;

  app.get('/admin/moderation-mail', { schema: { querystring: DoneQuery } }, async (request, reply) => {
    const current = await commentMailOf(db, actorOf(request));
    const saved = request.query.done === 'saved';
    return sendAdminPage(deps, request, reply, 'comments', (_c, chrome) => (
      <ModerationMailPage chrome={chrome} current={current} saved={saved} />
    ));
  });

  app.post('/admin/moderation-mail', { schema: { body: Form({ commentMail: Text }) } }, async (request, reply) => {
    await chooseCommentMail(db, actorOf(request), clip(request.body.commentMail, 20));
    return reply.redirect('/admin/moderation-mail?done=saved', 303);
  });
};
