import type { SETUP_PROBLEMS, SetupProblems } from '../../../accounts/account.js';
import { adminMessages } from '../../../admin/admin.messages.js';
import { sectionText } from '../../../admin/admin-i18n.js';
import { problemKey } from '../../../shared/problems.js';
import { TextField } from './people/form-fields.js';
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
        <TextField
          id="login-email"
          name="email"
          label={t('login.email')}
          type="email"
          autocomplete="username"
          required
          value={email ?? ''}
          alsoDescribedBy={error ? 'login-error' : undefined}
        />
        <TextField
          id="login-password"
          name="password"
          label={t('login.password')}
          type="password"
          autocomplete="current-password"
          required
          value=""
        />
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

export function SetupPage({ values, errors }: { values: { name: string; email: string }; errors: SetupProblems }) {
  const { i18n } = useView();
  const t = sectionText(adminMessages, i18n.lang);
  // Typed over SETUP_PROBLEMS: a problem without its message fails tsc here.
  const message = <F extends keyof SetupProblems & string>(field: F) => {
    const code = errors[field];
    return code ? t(problemKey<typeof SETUP_PROBLEMS, F>(field, code)) : undefined;
  };
  return (
    <AdminLayout title={t('setup.title')} chrome={chromeless}>
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <form method="post" action="/admin/setup" class="admin-form narrow">
        {Object.keys(errors).length > 0 && (
          <div class="error-summary" role="alert">
            <p>{t('error.summary')}</p>
            {errors.form && <p>{message('form')}</p>}
          </div>
        )}
        <TextField
          id="setup-name"
          name="name"
          label={t('setup.name')}
          autocomplete="name"
          required
          value={values.name}
          error={message('name')}
        />
        <TextField
          id="setup-email"
          name="email"
          label={t('login.email')}
          type="email"
          autocomplete="email"
          required
          value={values.email}
          error={message('email')}
        />
        <TextField
          id="setup-password"
          name="password"
          label={t('login.password')}
          type="password"
          autocomplete="new-password"
          required
          minLength={10}
          value=""
          hint={t('setup.passwordHint')}
          error={message('password')}
        />
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
