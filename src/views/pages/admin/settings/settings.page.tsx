import { sectionText } from '../../../../admin/admin-i18n.js';
import type { SettingsFormValues } from '../../../../admin/settings/settings-form.js';
import { settingsMessages } from '../../../../admin/settings/settings.messages.js';
import type { SmtpStatus } from '../../../../settings/settings-admin.service.js';
import { useView } from '../../../context.js';
import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';
import { CheckboxField, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../people/form-fields.js';

type Key = keyof typeof settingsMessages.da;

export function SettingsPage({
  chrome,
  values,
  errors,
  baseUrl,
  smtp,
  timeZones,
  notice,
}: {
  chrome: AdminChrome;
  values: SettingsFormValues;
  errors: Record<string, string>;
  baseUrl: string;
  smtp: SmtpStatus;
  timeZones: readonly string[];
  notice?: string | undefined;
}) {
  const { i18n } = useView();
  const t = sectionText(settingsMessages, i18n.lang);
  const has = (key: string): key is Key => key in settingsMessages.da;
  const errorText = (name: keyof SettingsFormValues) => {
    const code = errors[name];
    if (!code) return undefined;
    const specific = `error.${name}.${code}`;
    return t(has(specific) ? specific : has(`error.${code}`) ? (`error.${code}` as Key) : 'error.invalid');
  };
  const props = (name: keyof SettingsFormValues, hint?: Key) => ({
    id: `settings-${name}`,
    name,
    label: t(`field.${name}`),
    error: errorText(name),
    ...(hint ? { hint: t(hint) } : {}),
  });
  const number = (name: keyof SettingsFormValues, hint: Key) => <TextField {...props(name, hint)} type="number" value={values[name]} />;
  const summary = (Object.keys(errors) as (keyof SettingsFormValues)[])
    .filter((k) => k in values)
    .map((k) => ({ id: `settings-${k}`, text: `${t(`field.${k}`)}: ${errorText(k)}` }));
  const zones = timeZones.includes(values.timeZone) || !values.timeZone ? timeZones : [values.timeZone, ...timeZones];
  return (
    <AdminLayout title={t('settings.title')} chrome={chrome}>
      <h1>{t('settings.title')}</h1>
      <Notice text={notice} />
      <form method="post" action="/admin/settings" class="admin-form" novalidate>
        <input type="hidden" name="_csrf" value={chrome.csrf} />
        <ErrorSummary title={t('error.summary')} errors={summary} />
        <fieldset>
          <legend>{t('group.site')}</legend>
          <TextField {...props('title', 'hint.title')} value={values.title} required />
          <TextArea {...props('description', 'hint.description')} value={values.description} rows={3} />
          <SelectField
            {...props('language')}
            value={values.language}
            options={[
              { value: 'da', label: t('lang.da') },
              { value: 'en', label: t('lang.en') },
            ]}
          />
          <SelectField
            {...props('timeZone', 'hint.timeZone')}
            value={values.timeZone}
            options={zones.map((z) => ({ value: z, label: z }))}
          />
          {number('postsPerPage', 'hint.postsPerPage')}
        </fieldset>
        <fieldset>
          <legend>{t('group.comments')}</legend>
          <SelectField
            {...props('commentPolicy')}
            value={values.commentPolicy}
            options={(['open', 'first-time', 'all'] as const).map((p) => ({ value: p, label: t(`policy.${p}`) }))}
          />
          {number('commentMaxDepth', 'hint.commentMaxDepth')}
          {number('commentsPerPage', 'hint.commentsPerPage')}
          {number('commentsCloseAfterDays', 'hint.commentsCloseAfterDays')}
          {number('editWindowMinutes', 'hint.editWindowMinutes')}
          <TextArea {...props('moderatorEmails', 'hint.moderatorEmails')} value={values.moderatorEmails} rows={3} />
          {number('followerMailsPerMinute', 'hint.followerMailsPerMinute')}
        </fieldset>
        <fieldset>
          <legend>{t('group.spam')}</legend>
          <CheckboxField {...props('questionEnabled')} checked={values.questionEnabled === '1'} />
          <CheckboxField {...props('honeypotEnabled')} checked={values.honeypotEnabled === '1'} />
          <CheckboxField {...props('duplicateCheckEnabled')} checked={values.duplicateCheckEnabled === '1'} />
          {number('minSecondsToSubmit', 'hint.minSecondsToSubmit')}
          {number('maxLinks', 'hint.maxLinks')}
          {number('commentsPerHourPerIp', 'hint.perHour')}
          {number('commentsPerHourPerEmail', 'hint.perHour')}
          {number('holdScore', 'hint.holdScore')}
          {number('spamScore', 'hint.spamScore')}
        </fieldset>
        <fieldset>
          <legend>{t('group.privacy')}</legend>
          {number('ipRetentionDays', 'hint.ipRetentionDays')}
        </fieldset>
        <p>
          <button type="submit">{t('settings.save')}</button>
        </p>
      </form>
      <section aria-labelledby="settings-deploy" class="admin-section">
        <h2 id="settings-deploy">{t('group.deploy')}</h2>
        <p>{t('deploy.intro')}</p>
        <dl class="facts">
          <dt>{t('deploy.baseUrl')}</dt>
          <dd>
            <code>{baseUrl}</code>
          </dd>
        </dl>
      </section>
      <section aria-labelledby="settings-mail" class="admin-section">
        <h2 id="settings-mail">{t('group.mail')}</h2>
        <p id="smtp-status">{t(`smtp.${smtp}`)}</p>
        <form method="post" action="/admin/settings/test-mail">
          <input type="hidden" name="_csrf" value={chrome.csrf} />
          <p>{t('smtp.testIntro')}</p>
          <p>
            <button type="submit" class="button--secondary">
              {t('smtp.test')}
            </button>
          </p>
        </form>
      </section>
    </AdminLayout>
  );
}
