import type { SETUP_PROBLEMS, SetupProblems } from '../../../accounts/account.js';
import { adminMessages } from '../../../admin/admin.messages.js';
import { sectionText } from '../../../admin/admin-i18n.js';
import { problemKey } from '../../../shared/problems.js';
import { TextField } from './form-fields.js';
import { useView } from '../../context.js';
import { AdminLayout, type AdminChrome } from '../../layouts/admin-layout.js';

const chromeless: AdminChrome = { actor: null, csrf: '' };

/** The e-mail and password fields the login and the setup form share (ids `<form>-email` and `<form>-password`). */
function CredentialFields({
  form,
  email,
  password,
}: {
  form: 'login' | 'setup';
  email: { value: string; autocomplete: 'username' | 'email'; error?: string | undefined; alsoDescribedBy?: string | undefined };
  password: { autocomplete: 'current-password' | 'new-password'; minLength?: number; hint?: string; error?: string | undefined };
}) {
  const { i18n } = useView();
  const t = sectionText(adminMessages, i18n.lang);
  return (
    <>
      <TextField
        id={`${form}-email`}
        name="email"
        label={t('login.email')}
        type="email"
        autocomplete={email.autocomplete}
        required
        value={email.value}
        error={email.error}
        alsoDescribedBy={email.alsoDescribedBy}
      />
      <TextField
        id={`${form}-password`}
        name="password"
        label={t('login.password')}
        type="password"
        autocomplete={password.autocomplete}
        required
        minLength={password.minLength}
        value=""
        hint={password.hint}
        error={password.error}
      />
    </>
  );
}

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
        <CredentialFields
          form="login"
          email={{ value: email ?? '', autocomplete: 'username', alsoDescribedBy: error ? 'login-error' : undefined }}
          password={{ autocomplete: 'current-password' }}
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
        <CredentialFields
          form="setup"
          email={{ value: values.email, autocomplete: 'email', error: message('email') }}
          password={{ autocomplete: 'new-password', minLength: 10, hint: t('setup.passwordHint'), error: message('password') }}
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
