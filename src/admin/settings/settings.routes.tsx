/** /admin/settings and /admin/audit: site settings, the SMTP test mail, and the audit log (administrators only). */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { canManageSettings } from '../../accounts/account.js';
import { getAccount } from '../../accounts/account.service.js';
import { changeSiteSettings, sendTestMail, smtpStatus } from '../../settings/settings-admin.service.js';
import { getSiteSettings } from '../../settings/settings.service.js';
import { SettingsPage } from '../../views/pages/admin/settings/settings.page.js';
import { actorOf, requireThat, sendAdminPage, type AdminDeps } from '../admin-page.js';
import { sectionText } from '../admin-i18n.js';
import { doneNotice, formErrors } from '../people/form-input.js';
import { adminAuditRoutes } from './audit.routes.js';
import { adminDemoRoutes } from './demo.routes.js';
import { formValuesOf, parseSettingsForm, type SettingsFormValues } from './settings-form.js';
import { settingsMessages } from './settings.messages.js';

export interface SettingsDeps extends AdminDeps {
  /** Whether SMTP_URL is set, when the app passes it down; without it the outbox tells. */
  smtpConfigured?: boolean;
}

const TIME_ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

export const adminSettingsRoutes: FastifyPluginAsync<SettingsDeps> = async (app, deps) => {
  const { db } = deps;

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    values: SettingsFormValues | undefined,
    errors: Record<string, string>,
    status = 200,
  ) {
    const actor = actorOf(request);
    const [settings, smtp] = await Promise.all([getSiteSettings(db), smtpStatus(db, deps.smtpConfigured)]);
    const done = doneNotice(request.query, ['saved', 'testMail'] as const);
    const email = done === 'testMail' ? (await getAccount(db, actor.accountId)).email : '';
    return sendAdminPage(
      deps,
      request,
      reply,
      'settings',
      ({ i18n }, chrome) => {
        const t = sectionText(settingsMessages, i18n.lang);
        const notice =
          done === 'saved'
            ? t('settings.saved')
            : done === 'testMail'
              ? `${t('settings.testMailQueued', { email })}${smtp === 'set' ? '' : ` ${t('settings.testMailKept')}`}`
              : undefined;
        return (
          <SettingsPage
            chrome={chrome}
            values={values ?? formValuesOf(settings)}
            errors={errors}
            baseUrl={deps.baseUrl}
            smtp={smtp}
            timeZones={TIME_ZONES}
            notice={notice}
          />
        );
      },
      status,
    );
  }

  app.get('/admin/settings', async (request, reply) => {
    requireThat(canManageSettings(actorOf(request)));
    return show(request, reply, undefined, {});
  });

  app.post('/admin/settings', async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canManageSettings(actor));
    const { values, changes, errors } = parseSettingsForm(request.body);
    if (Object.keys(errors).length > 0) return show(request, reply, values, errors, 422);
    try {
      await changeSiteSettings(db, actor, changes);
    } catch (error) {
      const fieldErrors = formErrors(error);
      if (!fieldErrors) throw error;
      return show(request, reply, values, fieldErrors, 422);
    }
    return reply.redirect('/admin/settings?done=saved', 303);
  });

  app.post('/admin/settings/test-mail', async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canManageSettings(actor));
    await sendTestMail(db, actor);
    deps.onMailQueued?.();
    return reply.redirect('/admin/settings?done=testMail', 303);
  });

  await app.register(adminAuditRoutes, deps);
  await app.register(adminDemoRoutes, deps);
};
