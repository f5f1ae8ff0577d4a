/** /admin/settings and /admin/audit: site settings, the SMTP test mail, and the audit log (administrators only). */
import multipart from '@fastify/multipart';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import { headerLogo, siteIcons, defaultSocialImage } from '../../settings/identity.js';
import type { SiteSettings } from '../../settings/settings.js';
import { storeIcons, storeLogo, storeSocialImage } from '../../uploads/identity-images.js';
import { MAX_UPLOAD_BYTES } from '../../uploads/upload.service.js';
import { canManageSettings } from '../../accounts/account.js';
import { getAccount } from '../../accounts/account.service.js';
import { changeSiteSettings, sendTestMail, smtpStatus } from '../../settings/settings-admin.service.js';
import { getSiteSettings } from '../../settings/settings.service.js';
import { SettingsPage } from '../../views/pages/admin/settings/settings.page.js';
import { actorOf, type AdminDeps, formErrors, requireThat, sendAdminPage } from '../admin-page.js';
import { sectionText } from '../admin-i18n.js';
import { doneNotice } from '../people/form-input.js';
import { adminAuditRoutes } from './audit.routes.js';
import { adminDemoRoutes } from './demo.routes.js';
import {
  formValuesOf,
  parseSettingsForm,
  SETTINGS_PROBLEMS,
  SettingsForm,
  type SettingsFormValues,
  type SettingsProblems,
  changedOnly,
  readOpened,
} from './settings-form.js';
import { DoneQuery } from '../../http/schemas.js';
import { settingsMessages } from './settings.messages.js';

export interface SettingsDeps extends AdminDeps {
  /** Whether SMTP_URL is set, when the app passes it down; without it the outbox tells. */
  smtpConfigured?: boolean;
}

const TIME_ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

export const adminSettingsRoutes: FastifyPluginAsyncTypebox<SettingsDeps> = async (app, deps) => {
  const { db } = deps;

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    values: SettingsFormValues | undefined,
    errors: SettingsProblems,
    status = 200,
    identityError?: string,
    doneAsked?: string,
    opened?: string,
  ) {
    const actor = actorOf(request);
    const [settings, smtp] = await Promise.all([getSiteSettings(db), smtpStatus(db, deps.smtpConfigured)]);
    const done = doneNotice(doneAsked, ['saved', 'testMail', 'identity'] as const);
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
            : done === 'identity'
              ? t('identity.saved')
              : done === 'testMail'
                ? `${t('settings.testMailQueued', { email })}${smtp === 'set' ? '' : ` ${t('settings.testMailKept')}`}`
                : undefined;
        return (
          <SettingsPage
            chrome={chrome}
            values={values ?? formValuesOf(settings)}
            opened={opened ?? JSON.stringify(formValuesOf(settings))}
            errors={errors}
            baseUrl={deps.baseUrl}
            smtp={smtp}
            timeZones={TIME_ZONES}
            notice={notice}
            identity={{
              logo: headerLogo(settings),
              icons: siteIcons(settings),
              iconFromLogo: settings.icon?.fromLogo ?? false,
              socialImage: settings.socialImage ? defaultSocialImage(settings, '') : undefined,
            }}
            identityError={identityError}
          />
        );
      },
      status,
    );
  }

  app.get('/admin/settings', { schema: { querystring: DoneQuery } }, async (request, reply) => {
    requireThat(canManageSettings(actorOf(request)));
    return show(request, reply, undefined, {}, 200, undefined, request.query.done);
  });

  app.post('/admin/settings', { schema: { body: SettingsForm } }, async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canManageSettings(actor));
    const { values, changes, errors } = parseSettingsForm(request.body);
    // A form shown again keeps the values it was first opened with, so its next save still writes only what this person changed.
    const opened = request.body.opened;
    if (Object.keys(errors).length > 0) return show(request, reply, values, errors, 422, undefined, undefined, opened);
    try {
      await changeSiteSettings(db, actor, changedOnly(changes, values, readOpened(opened)));
    } catch (error) {
      const fieldErrors = formErrors(error, SETTINGS_PROBLEMS);
      if (!fieldErrors) throw error;
      return show(request, reply, values, fieldErrors, 422, undefined, undefined, opened);
    }
    return reply.redirect('/admin/settings?done=saved', 303);
  });

  app.post('/admin/settings/test-mail', async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canManageSettings(actor));
    await sendTestMail(db, actor, deps.baseUrl);
    deps.onMailQueued?.();
    return reply.redirect('/admin/settings?done=testMail', 303);
  });

  // Only this plugin and the post editor's read multipart bodies; files are read in the handler,
  // after the admin's checks of the session and the CSRF token (before any route's schema).
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 3, fields: 6, fieldSize: 100, parts: 10 } });

  // The logo, the icons and the sharing image: each file sent is stored, each ticked "remove" cleared.
  app.post('/admin/settings/identity', { config: { csrfInFirstPart: true } }, async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canManageSettings(actor));
    const files: Partial<Record<'logo' | 'icon' | 'socialImage', Buffer>> = {};
    const remove = new Set<string>();
    let problem: string | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const data = await part.toBuffer();
          const name = part.fieldname;
          if ((name === 'logo' || name === 'icon' || name === 'socialImage') && data.length > 0) files[name] = data;
        } else if (part.fieldname === 'remove') {
          remove.add(String(part.value));
        }
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') problem = 'too_large';
      else if (code?.startsWith('FST_')) problem = 'invalid';
      else throw error;
    }
    if (problem) return show(request, reply, undefined, {}, problem === 'too_large' ? 413 : 422, problem);
    const current = await getSiteSettings(db);
    const changes: Partial<SiteSettings> = {};
    try {
      if (remove.has('logo')) {
        changes.logo = null;
        if (current.icon?.fromLogo) changes.icon = null;
      }
      if (remove.has('icon')) changes.icon = null;
      if (remove.has('socialImage')) changes.socialImage = null;
      if (files.logo) changes.logo = await storeLogo(db, deps.uploadsDir, actor, files.logo);
      if (files.icon) changes.icon = await storeIcons(db, deps.uploadsDir, actor, files.icon, false);
      else {
        // Icons made from the logo follow it; an uploaded icon stays until removed.
        const logo = changes.logo !== undefined ? changes.logo : current.logo;
        const icon = changes.icon !== undefined ? changes.icon : current.icon;
        if (logo && (files.logo || !icon) && (!icon || icon.fromLogo)) {
          const data = files.logo ?? (await readFile(join(deps.uploadsDir, logo.full.file)));
          changes.icon = await storeIcons(db, deps.uploadsDir, actor, data, true);
        }
      }
      if (files.socialImage) changes.socialImage = await storeSocialImage(db, deps.uploadsDir, actor, files.socialImage);
    } catch (error) {
      if (error instanceof AppError && error.code === 'invalid') {
        return show(request, reply, undefined, {}, 422, error.details.fields?.file ?? 'invalid');
      }
      throw error;
    }
    if (Object.keys(changes).length > 0) await changeSiteSettings(db, actor, changes);
    return reply.redirect('/admin/settings?done=identity', 303);
  });

  await app.register(adminAuditRoutes, deps);
  await app.register(adminDemoRoutes, deps);
};
