import type { Role } from '../../../../accounts/account.js';
import { ROLES } from '../../../../accounts/account.js';
import { adminMessages } from '../../../../admin/admin.messages.js';
import { sectionText } from '../../../../admin/admin-i18n.js';
import type { PEOPLE_PROBLEMS, PeopleProblems } from '../../../../admin/people/form-input.js';
import { peopleMessages } from '../../../../admin/people/people.messages.js';
import { problemKey } from '../../../../shared/problems.js';
import { useView } from '../../../context.js';
import { TableScroll } from '../../../partials/table-scroll.js';
import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';
import { CheckboxField, CheckboxGroup, ErrorSummary, Notice, PageLinks, SelectField, TextArea, TextField } from '../form-fields.js';
import { PhotoField } from '../media/photo-field.js';

export type PeopleText = ReturnType<typeof usePeopleText>;

export function usePeopleText() {
  const { i18n } = useView();
  const t = sectionText(peopleMessages, i18n.lang);
  const admin = sectionText(adminMessages, i18n.lang);
  /** The message for a field's problem; typed, so a code without its text fails tsc here. */
  const error = <F extends keyof PeopleProblems & string>(field: F, code: PeopleProblems[F]): string | undefined =>
    code ? t(problemKey<typeof PEOPLE_PROBLEMS, F>(field, code)) : undefined;
  return { t, admin, error, i18n };
}

export interface PersonRowView {
  id: string;
  name: string;
  jobTitle: string;
  organisation: string;
  account: { role: Role; state: 'invited' | 'active' | 'disabled' } | null;
}

export function PeopleListPage({
  chrome,
  people,
  query,
  page,
  pages,
  total,
  notice,
}: {
  chrome: AdminChrome;
  people: PersonRowView[];
  query: string;
  page: number;
  pages: number;
  total: number;
  notice?: string;
}) {
  const { t, admin } = usePeopleText();
  const href = (n: number) => {
    const params = new URLSearchParams();
    if (query) params.set('q', query);
    if (n > 1) params.set('page', String(n));
    const search = params.toString();
    return `/admin/people${search ? `?${search}` : ''}`;
  };
  return (
    <AdminLayout title={t('people.title')} chrome={chrome}>
      <h1>{t('people.title')}</h1>
      <Notice text={notice} />
      <p>{t('people.intro')}</p>
      <p>
        <a class="button" href="/admin/people/new">
          {t('people.new')}
        </a>
      </p>
      <form method="get" action="/admin/people" class="filters" role="search" autocomplete="off">
        <TextField id="people-q" name="q" label={t('people.search')} value={query} type="text" />
        <p class="filters__actions">
          <button type="submit">{t('people.searchSubmit')}</button>
        </p>
      </form>
      <p>{total === 1 ? t('people.count.one') : t('people.count.many', { count: total })}</p>
      {people.length === 0 ? (
        <p>{t('people.none')}</p>
      ) : (
        <TableScroll label={t('people.title')}>
          <table class="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('people.col.name')}</th>
                <th scope="col">{t('people.col.jobTitle')}</th>
                <th scope="col">{t('people.col.organisation')}</th>
                <th scope="col">{t('people.col.account')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id}>
                  <td>
                    <a href={`/admin/people/${p.id}`}>{p.name}</a>
                  </td>
                  <td>{p.jobTitle}</td>
                  <td>{p.organisation}</td>
                  <td>
                    {p.account ? `${admin(`role.${p.account.role}`)} · ${t(`account.state.${p.account.state}`)}` : t('people.noAccount')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <PageLinks
        page={page}
        pages={pages}
        href={href}
        labels={{
          nav: t('pagination.label'),
          prev: t('pagination.prev'),
          next: t('pagination.next'),
          page: t('pagination.page', { page, pages }),
        }}
      />
    </AdminLayout>
  );
}

export interface PersonFormValues {
  name: string;
  initials: string;
  jobTitle: string;
  organisation: string;
  bio: string;
  avatarPath: string;
  email: string;
  phone: string;
  guest: boolean;
  /** When the person was last changed as the form was opened (ISO); '' for a new person. */
  version: string;
}

export const EMPTY_PERSON: PersonFormValues = {
  name: '',
  initials: '',
  jobTitle: '',
  organisation: '',
  bio: '',
  avatarPath: '',
  email: '',
  phone: '',
  guest: false,
  version: '',
};

export interface AccountSectionView {
  personName: string;
  blogs: { id: string; title: string }[];
  /** The existing account, if any. */
  current: { id: string; email: string; state: 'invited' | 'active' | 'disabled' } | null;
  values: { email: string; role: string; blogScope: string[]; disabled: boolean };
  errors: PeopleProblems;
}

const PROFILE_FIELDS = ['name', 'initials', 'jobTitle', 'organisation', 'bio', 'avatarPath', 'email', 'phone'] as const;

export function PersonPage({
  chrome,
  person,
  values,
  errors,
  notice,
  account,
}: {
  chrome: AdminChrome;
  /** Undefined for a new person. */
  person?: { id: string; slug: string; name: string };
  values: PersonFormValues;
  errors: PeopleProblems;
  notice?: string;
  /** Only for those who may manage accounts. */
  account?: AccountSectionView;
}) {
  const { t, error } = usePeopleText();
  const title = person ? t('person.editTitle', { name: person.name }) : t('person.newTitle');
  const id = (f: string) => `person-${f}`;
  // A problem no field shows links to the first field.
  const summary = [...PROFILE_FIELDS, 'version' as const, 'form' as const]
    .filter((f) => errors[f])
    .map((f) => ({ id: id(f === 'form' || f === 'version' ? 'name' : f), text: error(f, errors[f])! }));
  const field = (f: (typeof PROFILE_FIELDS)[number]) => ({ id: id(f), name: f, error: error(f, errors[f]) });
  return (
    <AdminLayout title={title} chrome={chrome}>
      <p>
        <a href="/admin/people">← {t('person.back')}</a>
      </p>
      <h1>{title}</h1>
      <Notice text={notice} />
      {person && (
        <p>
          <a href={`/authors/${person.slug}`}>{t('person.publicPage')}</a>
        </p>
      )}
      <form method="post" action={person ? `/admin/people/${person.id}` : '/admin/people'} class="admin-form" novalidate>
        <input type="hidden" name="_csrf" value={chrome.csrf} />
        {values.version && <input type="hidden" name="version" value={values.version} />}
        <ErrorSummary title={t('error.summary')} errors={summary} />
        <fieldset>
          <legend>{t('person.profile')}</legend>
          <TextField {...field('name')} label={t('person.name')} value={values.name} required autocomplete="off" />
          <TextField {...field('initials')} label={t('person.initials')} hint={t('person.initialsHint')} value={values.initials} />
          <TextField {...field('jobTitle')} label={t('person.jobTitle')} value={values.jobTitle} />
          <TextField {...field('organisation')} label={t('person.organisation')} value={values.organisation} />
          <CheckboxField id="person-guest" name="guest" label={t('person.guest')} hint={t('person.guestHint')} checked={values.guest} />
          <TextArea {...field('bio')} label={t('person.bio')} hint={t('person.bioHint')} value={values.bio} rows={5} />
          <PhotoField {...field('avatarPath')} personId={person?.id} label={t('person.avatarPath')} value={values.avatarPath} />
        </fieldset>
        <fieldset>
          <legend>{t('person.private')}</legend>
          <TextField
            {...field('email')}
            label={t('person.email')}
            hint={t('person.emailHint')}
            value={values.email}
            type="email"
            autocomplete="off"
          />
          <TextField
            {...field('phone')}
            label={t('person.phone')}
            hint={t('person.phoneHint')}
            value={values.phone}
            type="tel"
            autocomplete="off"
          />
        </fieldset>
        <p>
          <button type="submit">{person ? t('person.save') : t('person.create')}</button>
        </p>
      </form>
      {person && account && <AccountSection chrome={chrome} personId={person.id} view={account} />}
      {person && (
        <section aria-labelledby="care-heading">
          <h2 id="care-heading">{t('care.link')}</h2>
          <ul>
            <li>
              <a href={`/admin/people/${person.id}/merge`}>{t('care.mergeTitle', { name: person.name })}</a>
            </li>
            <li>
              <a href={`/admin/people/${person.id}/delete`}>{t('care.deleteTitle', { name: person.name })}</a>
            </li>
          </ul>
        </section>
      )}
    </AdminLayout>
  );
}

const FIELD_IDS: Record<string, string> = { email: 'account-email', role: 'account-role', blogScope: 'account-scope' };

function AccountSection({ chrome, personId, view }: { chrome: AdminChrome; personId: string; view: AccountSectionView }) {
  const { t, admin, error } = usePeopleText();
  const { current, values, errors } = view;
  const roleOptions = ROLES.map((r) => ({ value: r, label: admin(`role.${r}`) }));
  const summary = (['email', 'role', 'blogScope', 'personId', 'account', 'form'] as const)
    .filter((f) => errors[f])
    .map((f) => ({ id: FIELD_IDS[f] ?? 'account-heading', text: error(f, errors[f])! }));
  const scope =
    view.blogs.length === 0 ? (
      <p class="hint">{t('account.noBlogs')}</p>
    ) : (
      <CheckboxGroup
        id="account-scope"
        name="blogScope"
        legend={t('account.scope')}
        hint={t('account.scopeHint')}
        error={error('blogScope', errors.blogScope)}
        options={view.blogs.map((b) => ({ value: b.id, label: b.title }))}
        checked={values.blogScope}
      />
    );
  return (
    <section aria-labelledby="account-heading" class="admin-section">
      <h2 id="account-heading">{t('account.title')}</h2>
      {current ? (
        <>
          <dl class="facts">
            <dt>{t('account.email')}</dt>
            <dd>{current.email}</dd>
            <dt>{t('account.status')}</dt>
            <dd>{t(`account.state.${current.state}`)}</dd>
          </dl>
          <form method="post" action={`/admin/people/${personId}/account`} class="admin-form" novalidate>
            <input type="hidden" name="_csrf" value={chrome.csrf} />
            <ErrorSummary title={t('error.summary')} errors={summary} />
            <SelectField
              id="account-role"
              name="role"
              label={t('account.role')}
              hint={t('account.roleHelp')}
              error={error('role', errors.role)}
              value={values.role}
              options={roleOptions}
            />
            {scope}
            <CheckboxField id="account-disabled" name="disabled" label={t('account.disable')} checked={values.disabled} />
            <p>
              <button type="submit">{t('account.save')}</button>
            </p>
          </form>
          {current.state === 'invited' && (
            <form method="post" action={`/admin/people/${personId}/account/invite`} class="admin-form">
              <input type="hidden" name="_csrf" value={chrome.csrf} />
              <p>
                <button type="submit" class="button--secondary" aria-describedby="account-resend-hint">
                  {t('account.resend')}
                </button>
                <span class="hint" id="account-resend-hint">
                  {t('account.resendHint')}
                </span>
              </p>
            </form>
          )}
        </>
      ) : (
        <>
          <p>{t('account.none', { name: view.personName })}</p>
          <form method="post" action={`/admin/people/${personId}/account`} class="admin-form" novalidate>
            <input type="hidden" name="_csrf" value={chrome.csrf} />
            <h3>{t('account.give', { name: view.personName })}</h3>
            <ErrorSummary title={t('error.summary')} errors={summary} />
            <TextField
              id="account-email"
              name="email"
              type="email"
              label={t('account.email')}
              hint={t('account.emailHint')}
              error={error('email', errors.email)}
              value={values.email}
              required
              autocomplete="off"
            />
            <SelectField
              id="account-role"
              name="role"
              label={t('account.role')}
              hint={t('account.roleHelp')}
              error={error('role', errors.role)}
              value={values.role}
              options={roleOptions}
            />
            {scope}
            <p>
              <button type="submit">{t('account.invite')}</button>
            </p>
          </form>
        </>
      )}
    </section>
  );
}
