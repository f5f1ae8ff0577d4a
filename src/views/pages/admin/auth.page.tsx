import { adminMessages } from '../../../admin/admin.messages.js';
import { sectionText } from '../../../admin/admin-i18n.js';
import { useView } from '../../context.js';
import { AdminLayout, type AdminChrome } from '../../layouts/admin-layout.js';

const chromeless: AdminChrome = { actor: null, csrf: '' };

export function LoginPage({ email, error, next }: { email?: string; error?: 'failed' | 'slowed'; next?: string }) {
  const { i18n } = useView();
  const t = sectionText(adminMessages, i18n.lang);
  return (
    <AdminLayout title={t('login.title')} chrome={chromeless}>
      <h1>{t('login.title')}</h1>
      <form method="post" action="/admin/login" class="admin-form narrow">
        {error && (
          <p class="error-summary" role="alert" id="login-error">
            {t(error === 'slowed' ? 'login.slowed' : 'login.failed')}
          </p>
        )}
        {next && <input type="hidden" name="next" value={next} />}
        <div class="field">
          <label for="login-email">{t('login.email')}</label>
          <input
            id="login-email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={email ?? ''}
            aria-describedby={error ? 'login-error' : undefined}
          />
        </div>
        <div class="field">
          <label for="login-password">{t('login.password')}</label>
          <input id="login-password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <p>
          <button type="submit">{t('login.submit')}</button>
        </p>
        <p>
          <a href="/admin/reset">{t('login.forgot')}</a>
        </p>
      </form>
    </AdminLayout>
  );
}

export function SetupPage({ values, errors }: { values: { name: string; email: string }; errors: Record<string, string> }) {
  const { i18n } = useView();
  const t = sectionText(adminMessages, i18n.lang);
  const message = (f: string) => (errors[f] ? t(`error.${f}.${errors[f]}` as Parameters<typeof t>[0]) : undefined);
  return (
    <AdminLayout title={t('setup.title')} chrome={chromeless}>
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <form method="post" action="/admin/setup" class="admin-form narrow">
        {Object.keys(errors).length > 0 && (
          <p class="error-summary" role="alert">
            {t('error.summary')}
          </p>
        )}
        <div class="field">
          <label for="setup-name">{t('setup.name')}</label>
          <input
            id="setup-name"
            name="name"
            type="text"
            autocomplete="name"
            required
            value={values.name}
            aria-invalid={errors.name ? 'true' : undefined}
            aria-describedby={errors.name ? 'setup-name-error' : undefined}
          />
          {errors.name && (
            <p class="field-error" id="setup-name-error">
              {message('name')}
            </p>
          )}
        </div>
        <div class="field">
          <label for="setup-email">{t('login.email')}</label>
          <input
            id="setup-email"
            name="email"
            type="email"
            autocomplete="email"
            required
            value={values.email}
            aria-invalid={errors.email ? 'true' : undefined}
            aria-describedby={errors.email ? 'setup-email-error' : undefined}
          />
          {errors.email && (
            <p class="field-error" id="setup-email-error">
              {message('email')}
            </p>
          )}
        </div>
        <div class="field">
          <label for="setup-password">{t('login.password')}</label>
          <input
            id="setup-password"
            name="password"
            type="password"
            autocomplete="new-password"
            required
            minLength={10}
            aria-invalid={errors.password ? 'true' : undefined}
            aria-describedby={`setup-password-hint${errors.password ? ' setup-password-error' : ''}`}
          />
          <span class="hint" id="setup-password-hint">
            {t('setup.passwordHint')}
          </span>
          {errors.password && (
            <p class="field-error" id="setup-password-error">
              {message('password')}
            </p>
          )}
        </div>
        <p>
          <button type="submit">{t('setup.submit')}</button>
        </p>
      </form>
    </AdminLayout>
  );
}

/** role: the account may not; crossSite: the form came from elsewhere; csrf: the form is older than the session; login: no session. */
export type ForbiddenReason = 'role' | 'crossSite' | 'csrf' | 'login';

export function ForbiddenPage({ chrome, reason = 'role' }: { chrome: AdminChrome; reason?: ForbiddenReason }) {
  const { i18n } = useView();
  const t = sectionText(adminMessages, i18n.lang);
  const title = reason === 'role' ? t('forbidden.title') : t('refused.title');
  return (
    <AdminLayout title={title} chrome={chrome}>
      <h1>{title}</h1>
      <p data-reason={reason}>{t(`forbidden.${reason}`)}</p>
      <p>
        <a href="/admin">{t('dashboard')}</a>
      </p>
    </AdminLayout>
  );
}
