import type { PeopleProblems } from '../../../../admin/people/form-input.js';
import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';
import { ErrorSummary, TextField } from '../form-fields.js';
import { usePeopleText } from './people.page.js';

/** The public reset and invitation pages: no menu, since nobody is logged in here. */
const chromeless = (csrf: string): AdminChrome => ({ actor: null, csrf });

export function ResetRequestPage({ csrf, email, sent }: { csrf: string; email: string; sent: boolean }) {
  const { t } = usePeopleText();
  return (
    <AdminLayout title={t('reset.title')} chrome={chromeless(csrf)}>
      <h1>{t('reset.title')}</h1>
      {sent ? (
        <p class="form-notice" role="status">
          {t('reset.sent')}
        </p>
      ) : (
        <p>{t('reset.intro')}</p>
      )}
      <form method="post" action="/admin/reset" class="admin-form narrow">
        <input type="hidden" name="_csrf" value={csrf} />
        <TextField id="reset-email" name="email" type="email" label={t('reset.email')} value={email} required autocomplete="username" />
        <p>
          <button type="submit">{t('reset.submit')}</button>
        </p>
      </form>
      <p>
        <a href="/admin/login">{t('reset.back')}</a>
      </p>
    </AdminLayout>
  );
}

export function NewPasswordPage({
  csrf,
  kind,
  action,
  siteTitle,
  errors,
}: {
  csrf: string;
  kind: 'reset' | 'invite';
  action: string;
  siteTitle: string;
  errors: PeopleProblems;
}) {
  const { t, error } = usePeopleText();
  const title = kind === 'reset' ? t('reset.newTitle') : t('invite.title');
  const summary = (['password', 'confirm', 'form'] as const)
    .filter((f) => errors[f])
    .map((f) => ({ id: `link-${f === 'form' ? 'password' : f}`, text: error(f, errors[f])! }));
  return (
    <AdminLayout title={title} chrome={chromeless(csrf)}>
      <h1>{title}</h1>
      <p>{kind === 'reset' ? t('reset.newIntro') : t('invite.intro', { site: siteTitle })}</p>
      <form method="post" action={action} class="admin-form narrow" novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <ErrorSummary title={t('error.summary')} errors={summary} />
        <TextField
          id="link-password"
          name="password"
          type="password"
          label={t('link.password')}
          hint={t('link.passwordHint')}
          error={error('password', errors.password)}
          value=""
          required
          autocomplete="new-password"
        />
        <TextField
          id="link-confirm"
          name="confirm"
          type="password"
          label={t('link.confirm')}
          error={error('confirm', errors.confirm)}
          value=""
          required
          autocomplete="new-password"
        />
        <p>
          <button type="submit">{t('link.save')}</button>
        </p>
      </form>
    </AdminLayout>
  );
}

export function DeadLinkPage({ csrf }: { csrf: string }) {
  const { t } = usePeopleText();
  return (
    <AdminLayout title={t('link.dead.title')} chrome={chromeless(csrf)}>
      <h1>{t('link.dead.title')}</h1>
      <p>{t('link.dead.text')}</p>
      <p>
        <a href="/admin/reset">{t('link.dead.reset')}</a>
      </p>
    </AdminLayout>
  );
}
