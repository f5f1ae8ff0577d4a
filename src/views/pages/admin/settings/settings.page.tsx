import type { ComponentChildren } from 'preact';
import { sectionText } from '../../../../admin/admin-i18n.js';
import { demoMessages } from '../../../../admin/settings/demo.messages.js';
import type { SETTINGS_PROBLEMS, SettingsFormValues, SettingsProblems } from '../../../../admin/settings/settings-form.js';
import { settingsMessages } from '../../../../admin/settings/settings.messages.js';
import { fieldsWithProblems } from '../../../../shared/problems.js';
import type { SmtpStatus } from '../../../../settings/settings-admin.service.js';
import type { ImageAddress, SiteIcons } from '../../../../settings/identity.js';
import { useView } from '../../../context.js';
import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';
import { CheckboxField, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../form-fields.js';

type Key = keyof typeof settingsMessages.da;
type Field = keyof SettingsProblems;
type Code = (typeof SETTINGS_PROBLEMS)[Field][number];

/** The text of each problem code: a code without one fails tsc here. */
const PROBLEM_TEXT: Record<Code, Key> = {
  invalid: 'error.invalid',
  not_a_number: 'error.not_a_number',
  low_contrast: 'error.accentColor.low_contrast',
  not_below_spam: 'error.holdScore.not_below_spam',
};
/** Fields that say more about a code than its general text. */
const FIELD_PROBLEM_TEXT: { [F in Field]?: { [C in NonNullable<SettingsProblems[F]>]?: Key } } = {
  form: { invalid: 'error.form.invalid' },
  title: { invalid: 'error.title.invalid' },
  timeZone: { invalid: 'error.timeZone.invalid' },
  moderatorEmails: { invalid: 'error.moderatorEmails.invalid' },
  accentColor: { invalid: 'error.accentColor.invalid' },
};

function problemText<F extends Field>(field: F, code: NonNullable<SettingsProblems[F]>): Key {
  const specific: { [C in NonNullable<SettingsProblems[F]>]?: Key } | undefined = FIELD_PROBLEM_TEXT[field];
  return specific?.[code] ?? PROBLEM_TEXT[code];
}

/** The identity images as they are now, for the preview beside each file field. */
export interface IdentityPreview {
  logo?: ImageAddress | undefined;
  icons?: SiteIcons | undefined;
  iconFromLogo: boolean;
  socialImage?: ImageAddress | undefined;
}

export function SettingsPage({
  chrome,
  values,
  opened,
  errors,
  baseUrl,
  smtp,
  timeZones,
  notice,
  identity,
  identityError,
}: {
  chrome: AdminChrome;
  values: SettingsFormValues;
  /** The values as the form was first opened (JSON), sent back so a save writes only what was changed. */
  opened: string;
  errors: SettingsProblems;
  baseUrl: string;
  smtp: SmtpStatus;
  timeZones: readonly string[];
  notice?: string | undefined;
  identity: IdentityPreview;
  /** Why the last image was refused: not_an_image, too_large, too_many_pixels, invalid. */
  identityError?: string | undefined;
}) {
  const { i18n } = useView();
  const t = sectionText(settingsMessages, i18n.lang);
  const demo = sectionText(demoMessages, i18n.lang);
  const has = (key: string): key is Key => key in settingsMessages.da;
  const errorText = <F extends Field>(name: F) => {
    const code = errors[name];
    return code ? t(problemText(name, code)) : undefined;
  };
  const props = (name: Exclude<Field, 'form'>, hint?: Key) => ({
    id: `settings-${name}`,
    name,
    label: t(`field.${name}`),
    error: errorText(name),
    ...(hint ? { hint: t(hint) } : {}),
  });
  const number = (name: Exclude<Field, 'form'>, hint: Key) => <TextField {...props(name, hint)} type="number" value={values[name]} />;
  // A problem no field shows links to the first field.
  const summary = fieldsWithProblems(errors).map((k) =>
    k === 'form'
      ? { id: 'settings-title', text: errorText(k) ?? '' }
      : { id: `settings-${k}`, text: `${t(`field.${k}`)}: ${errorText(k)}` },
  );
  const zones = timeZones.includes(values.timeZone) || !values.timeZone ? timeZones : [values.timeZone, ...timeZones];
  return (
    <AdminLayout title={t('settings.title')} chrome={chrome}>
      <h1>{t('settings.title')}</h1>
      <Notice text={notice} />
      <form method="post" action="/admin/settings" class="admin-form" novalidate>
        <input type="hidden" name="_csrf" value={chrome.csrf} />
        <input type="hidden" name="opened" value={opened} />
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
          <TextField {...props('accentColor', 'hint.accentColor')} value={values.accentColor} />
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
      <IdentityForm csrf={chrome.csrf} identity={identity} error={identityError} t={t} has={has} />
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
      <section aria-labelledby="settings-demo" class="admin-section">
        <h2 id="settings-demo">{demo('demo.heading')}</h2>
        <p>
          <a href="/admin/settings/demo">{demo('demo.link')}</a>
        </p>
      </section>
    </AdminLayout>
  );
}

function IdentityForm({
  csrf,
  identity,
  error,
  t,
  has,
}: {
  csrf: string;
  identity: IdentityPreview;
  error: string | undefined;
  t: (key: Key) => string;
  has: (key: string) => key is Key;
}) {
  const errorKey = `identity.error.${error ?? ''}`;
  const file = (name: 'logo' | 'icon' | 'socialImage', current: ComponentChildren, present: boolean) => (
    <div class="field identity-field">
      <label for={`identity-${name}`}>{t(`field.${name}`)}</label>
      <div class="identity-current" id={`identity-${name}-current`}>
        <span>{t('identity.current')}</span> {present ? current : t('identity.none')}
      </div>
      <input
        type="file"
        id={`identity-${name}`}
        name={name}
        accept="image/jpeg,image/png,image/webp,image/gif"
        aria-describedby={`identity-${name}-current identity-${name}-hint`}
      />
      <span class="hint" id={`identity-${name}-hint`}>
        {t(`hint.${name}`)}
      </span>
      {present && (
        <label class="check">
          <input type="checkbox" name="remove" value={name} /> {t('identity.remove')}
        </label>
      )}
    </div>
  );
  return (
    <section aria-labelledby="settings-identity" class="admin-section">
      <h2 id="settings-identity">{t('group.identity')}</h2>
      <p>{t('identity.intro')}</p>
      {error && (
        <p class="field-error" role="alert" id="identity-error">
          {t('identity.error')} {t(has(errorKey) ? errorKey : 'identity.error.invalid')}
        </p>
      )}
      <form method="post" action="/admin/settings/identity" encType="multipart/form-data" class="admin-form">
        {/* First, always: the token of a multipart form is read from its first part (checkCsrf). */}
        <input type="hidden" name="_csrf" value={csrf} />
        {file(
          'logo',
          identity.logo && (
            <img class="identity-preview" src={identity.logo.url} alt="" width={identity.logo.width} height={identity.logo.height} />
          ),
          identity.logo !== undefined,
        )}
        {file(
          'icon',
          identity.icons && (
            <>
              <img class="identity-preview" src={identity.icons.png192} alt="" width="48" height="48" />
              {identity.iconFromLogo && ` ${t('identity.fromLogo')}`}
            </>
          ),
          identity.icons !== undefined,
        )}
        {file(
          'socialImage',
          identity.socialImage && (
            <img
              class="identity-preview"
              src={identity.socialImage.url}
              alt=""
              width={240}
              height={Math.round((240 * identity.socialImage.height) / identity.socialImage.width)}
            />
          ),
          identity.socialImage !== undefined,
        )}
        <p>
          <button type="submit" class="button--secondary">
            {t('identity.upload')}
          </button>
        </p>
      </form>
    </section>
  );
}
