import type { PeopleProblems } from '../../../../admin/people/form-input.js';
import { PICKER_LIMIT } from '../../../../people/person.js';
import type { AdminChrome } from '../../../layouts/admin-layout.js';
import { TableScroll } from '../../../partials/table-scroll.js';
import { AdminLayout } from '../../../layouts/admin-layout.js';
import { CheckboxGroup, ErrorSummary, NoScriptSearch, Notice, SelectField, TextArea, TextField } from '../form-fields.js';
import { usePeopleText } from './people.page.js';

export interface BlogRowView {
  id: string;
  slug: string;
  title: string;
  owners: string[];
}

export function BlogsListPage({ chrome, blogs, notice }: { chrome: AdminChrome; blogs: BlogRowView[]; notice?: string }) {
  const { t } = usePeopleText();
  return (
    <AdminLayout title={t('blogs.title')} chrome={chrome}>
      <h1>{t('blogs.title')}</h1>
      <Notice text={notice} />
      <p>{t('blogs.intro')}</p>
      <p>
        <a class="button" href="/admin/blogs/new">
          {t('blogs.new')}
        </a>
      </p>
      {blogs.length === 0 ? (
        <p>{t('blogs.none')}</p>
      ) : (
        <TableScroll label={t('blogs.title')}>
          <table class="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('blogs.col.title')}</th>
                <th scope="col">{t('blogs.col.address')}</th>
                <th scope="col">{t('blogs.col.owners')}</th>
              </tr>
            </thead>
            <tbody>
              {blogs.map((b) => (
                <tr key={b.id}>
                  <td>
                    <a href={`/admin/blogs/${b.id}`}>{b.title}</a>
                  </td>
                  <td>
                    <a href={`/${b.slug}`}>/{b.slug}</a>
                  </td>
                  <td>{b.owners.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </AdminLayout>
  );
}

export interface BlogFormValues {
  title: string;
  slug: string;
  description: string;
  owner: string;
  coOwners: string[];
  /** When the blog was last changed as the form was opened (ISO); '' for a new blog. */
  version: string;
}

export const EMPTY_BLOG: BlogFormValues = { title: '', slug: '', description: '', owner: '', coOwners: [], version: '' };

const FIELD_IDS = {
  title: 'blog-title',
  slug: 'blog-slug',
  description: 'blog-description',
  ownerIds: 'blog-owner',
  // A problem no field shows: the summary links to the form's first field.
  form: 'blog-title',
  version: 'blog-title',
} as const satisfies { [F in keyof PeopleProblems]?: string };
const SUMMARY_FIELDS = ['title', 'slug', 'description', 'ownerIds', 'version', 'form'] as const;

export function BlogPage({
  chrome,
  blog,
  values,
  errors,
  people,
  notice,
  peopleQuery = '',
  morePeople = false,
  searchedInsteadOfSave = false,
}: {
  chrome: AdminChrome;
  /** Undefined for a new blog. */
  blog?: { id: string; slug: string; title: string };
  values: BlogFormValues;
  errors: PeopleProblems;
  /** The chosen owners and a capped set of others (matching `peopleQuery` when searched). */
  people: { id: string; name: string }[];
  notice?: string;
  peopleQuery?: string;
  /** More people match than are listed. */
  morePeople?: boolean;
  /** The form was sent with a search term not yet run, and the search ran instead of the save. */
  searchedInsteadOfSave?: boolean;
}) {
  const { t, error } = usePeopleText();
  const title = blog ? t('blog.editTitle', { title: blog.title }) : t('blog.newTitle');
  const summary = SUMMARY_FIELDS.filter((f) => errors[f]).map((f) => ({ id: FIELD_IDS[f], text: error(f, errors[f])! }));
  return (
    <AdminLayout title={title} chrome={chrome}>
      <p>
        <a href="/admin/blogs">← {t('blog.back')}</a>
      </p>
      <h1>{title}</h1>
      <Notice text={notice} />
      {searchedInsteadOfSave && (
        <p class="form-notice" role="status" id="searched-not-saved">
          {t('blog.searchedNotSaved', { query: peopleQuery.trim() })}
        </p>
      )}
      {blog && (
        <p>
          <a href={`/${blog.slug}`}>{t('blog.view')}</a> · <a href={`/admin/blogs/${blog.id}/delete`}>{t('blog.deleteLink')}</a>
        </p>
      )}
      {people.length === 0 && !peopleQuery.trim() ? (
        <p>
          <a href="/admin/people/new">{t('blog.noPeople')}</a>
        </p>
      ) : (
        <form method="post" action={blog ? `/admin/blogs/${blog.id}` : '/admin/blogs'} class="admin-form" novalidate>
          <input type="hidden" name="_csrf" value={chrome.csrf} />
          {values.version && <input type="hidden" name="version" value={values.version} />}
          <ErrorSummary title={t('error.summary')} errors={summary} />
          <TextField
            id="blog-title"
            name="title"
            label={t('blog.title')}
            value={values.title}
            error={error('title', errors.title)}
            required
          />
          {blog ? (
            <TextField id="blog-slug" name="slug" label={t('blog.slug')} hint={t('blog.slugFixed')} value={blog.slug} readOnly />
          ) : (
            <TextField
              id="blog-slug"
              name="slug"
              label={t('blog.slug')}
              hint={t('blog.slugHint')}
              value={values.slug}
              error={error('slug', errors.slug)}
            />
          )}
          <TextArea
            id="blog-description"
            name="description"
            label={t('blog.description')}
            hint={t('blog.descriptionHint')}
            value={values.description}
            error={error('description', errors.description)}
            rows={5}
          />
          <NoScriptSearch
            id="people-search"
            name="people_q"
            op="find-people"
            label={t('blog.peopleSearch')}
            hint={t('blog.peopleSearchHint')}
            button={t('blog.peopleSearchButton')}
            status={`${peopleQuery.trim() ? `${t(people.length === 0 ? 'blog.peopleNone' : 'blog.peopleFound', { query: peopleQuery.trim() })} ` : ''}${morePeople ? t('blog.peopleCapped', { limit: PICKER_LIMIT }) : ''}`}
            query={peopleQuery}
            shownQuery
            defaultSave={blog ? t('blog.save') : t('blog.create')}
          />
          <SelectField
            id="blog-owner"
            name="owner"
            label={t('blog.owner')}
            hint={t('blog.ownerHint')}
            error={error('ownerIds', errors.ownerIds)}
            value={values.owner}
            required
            picker={t('blog.pickerHint')}
            options={[{ value: '', label: t('blog.choose') }, ...people.map((p) => ({ value: p.id, label: p.name }))]}
          />
          <CheckboxGroup
            id="blog-co-owners"
            name="coOwners"
            legend={t('blog.coOwners')}
            options={people.map((p) => ({ value: p.id, label: p.name }))}
            checked={values.coOwners}
          />
          <p>
            <button type="submit">{blog ? t('blog.save') : t('blog.create')}</button>
          </p>
        </form>
      )}
    </AdminLayout>
  );
}
