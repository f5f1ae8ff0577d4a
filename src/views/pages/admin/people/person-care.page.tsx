/** Deleting and merging a person: each a confirmation page that says what will happen before anything does. */
import { PICKER_LIMIT } from '../../../../people/person.js';
import type { AdminChrome } from '../../../layouts/admin-layout.js';
import { AdminLayout } from '../../../layouts/admin-layout.js';
import { NoScriptSearch, SelectField } from '../form-fields.js';
import { usePeopleText } from './people.page.js';

export interface PersonUseView {
  bylines: number;
  contacts: number;
  blogs: number;
  comments: number;
  account: boolean;
}

interface PersonRef {
  id: string;
  name: string;
  slug: string;
}

function UseList({ use }: { use: PersonUseView }) {
  const { t } = usePeopleText();
  return (
    <ul>
      <li>{t('care.bylines', { n: use.bylines })}</li>
      <li>{t('care.contacts', { n: use.contacts })}</li>
      <li>{t('care.blogs', { n: use.blogs })}</li>
      <li>{t('care.comments', { n: use.comments })}</li>
      <li>{use.account ? t('care.account') : t('care.noAccount')}</li>
    </ul>
  );
}

/** Delete refused (with the way forward) when posts, blogs or an account still name the person. */
export function PersonDeletePage({ chrome, person, use }: { chrome: AdminChrome; person: PersonRef; use: PersonUseView }) {
  const { t } = usePeopleText();
  const title = t('care.deleteTitle', { name: person.name });
  const blocker = use.bylines > 0 ? 'care.refuseBylines' : use.blogs > 0 ? 'care.refuseBlogs' : use.account ? 'care.refuseAccount' : null;
  return (
    <AdminLayout title={title} chrome={chrome}>
      <p>
        <a href={`/admin/people/${person.id}`}>← {person.name}</a>
      </p>
      <h1>{title}</h1>
      <p>{t('care.usedBy')}</p>
      <UseList use={use} />
      {blocker ? (
        <>
          <p class="form-notice" role="alert" id="delete-refused">
            {t(blocker)}
          </p>
          <p>
            <a class="button" href={`/admin/people/${person.id}/merge`}>
              {t('care.mergeInstead', { name: person.name })}
            </a>
          </p>
        </>
      ) : (
        <form method="post" action={`/admin/people/${person.id}/delete`}>
          <input type="hidden" name="_csrf" value={chrome.csrf} />
          <p>{use.contacts > 0 ? t('care.deleteContacts') : t('care.deleteNothing')}</p>
          <p>
            <button type="submit" class="button--danger">
              {t('care.deleteConfirm', { name: person.name })}
            </button>
          </p>
        </form>
      )}
    </AdminLayout>
  );
}

/**
 * Step one picks who to keep (a plain GET form, so it works without script and the picker searches
 * with it); step two says what moves and asks for the confirmation that does it.
 */
export function PersonMergePage({
  chrome,
  person,
  use,
  people,
  peopleQuery = '',
  morePeople = false,
  into,
  error,
}: {
  chrome: AdminChrome;
  person: PersonRef;
  use: PersonUseView;
  /** The people the select offers: the chosen one and a capped set matching `peopleQuery`. */
  people: { id: string; name: string }[];
  peopleQuery?: string;
  morePeople?: boolean;
  into?: PersonRef;
  error?: string;
}) {
  const { t } = usePeopleText();
  const title = t('care.mergeTitle', { name: person.name });
  return (
    <AdminLayout title={title} chrome={chrome}>
      <p>
        <a href={`/admin/people/${person.id}`}>← {person.name}</a>
      </p>
      <h1>{title}</h1>
      {error && (
        <p class="form-notice" role="alert">
          {error}
        </p>
      )}
      <form method="get" action={`/admin/people/${person.id}/merge`} class="admin-form">
        {/* Without script the select lists a capped set; this box searches for others. Its button comes
            first in the form, so Enter in the box runs the search. With script the select is a combobox. */}
        <NoScriptSearch
          id="people-search"
          name="people_q"
          op="find-people"
          label={t('blog.peopleSearch')}
          hint={t('care.peopleSearchHint')}
          button={t('blog.peopleSearchButton')}
          status={`${peopleQuery.trim() ? `${t(people.length === 0 ? 'blog.peopleNone' : 'care.peopleFound', { query: peopleQuery.trim() })} ` : ''}${morePeople ? t('care.peopleCapped', { limit: PICKER_LIMIT }) : ''}`}
          query={peopleQuery}
        />
        <SelectField
          id="merge-into"
          name="into"
          label={t('care.into')}
          hint={t('care.intoHint', { name: person.name })}
          value={into?.id ?? ''}
          required
          picker={t('blog.pickerHint')}
          options={[
            { value: '', label: t('blog.choose') },
            ...people.filter((p) => p.id !== person.id).map((p) => ({ value: p.id, label: p.name })),
          ]}
        />
        <p>
          <button type="submit">{t('care.review')}</button>
        </p>
      </form>
      {into && (
        <form method="post" action={`/admin/people/${person.id}/merge`}>
          <input type="hidden" name="_csrf" value={chrome.csrf} />
          <input type="hidden" name="into" value={into.id} />
          <h2>{t('care.willMove', { from: person.name, to: into.name })}</h2>
          <UseList use={use} />
          <p>{t('care.afterMerge', { from: person.name, to: into.name, path: `/authors/${person.slug}` })}</p>
          <p>
            <button type="submit" class="button--danger">
              {t('care.mergeConfirm', { from: person.name, to: into.name })}
            </button>
          </p>
        </form>
      )}
    </AdminLayout>
  );
}
