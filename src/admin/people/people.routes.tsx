/** /admin/people: people and their accounts (editors manage people; only administrators hand out accounts). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canManageAccounts, canManagePeople, canWritePosts, isRole, type Role } from '../../accounts/account.js';
import { changeAccount, findAccountOverviews, giveAccount, resendInvitation } from '../../accounts/account-admin.service.js';
import { listBlogs } from '../../blogs/blog.service.js';
import { AppError, notFound } from '../../errors.js';
import { DoneQuery, Form, IdParams, PageNumber, pageOf, Query, Text, TextList } from '../../http/schemas.js';
import { addPerson, deletePerson, describePersonUse, editPerson, mergePeople } from '../../people/person-admin.service.js';
import { getPerson, listPeople, listPickerPeople, personVersion, searchPeople } from '../../people/person.service.js';
import { PersonDeletePage, PersonMergePage } from '../../views/pages/admin/people/person-care.page.js';
import type { Person } from '../../people/person.js';
import { problemKey } from '../../shared/problems.js';
import {
  EMPTY_PERSON,
  PeopleListPage,
  PersonPage,
  type AccountSectionView,
  type PersonFormValues,
} from '../../views/pages/admin/people/people.page.js';
import { actorOf, type AdminDeps, clip, formErrors, nonEmpty, requireThat, sendAdminPage } from '../admin-page.js';
import { sectionText } from '../admin-i18n.js';
import { adminBlogRoutes } from './blogs.routes.js';
import { doneNotice, PEOPLE_PROBLEMS, type PeopleProblems, PersonForm, personInput, personValues } from './form-input.js';
import { passwordLinkRoutes } from './password-links.routes.js';
import { peopleMessages } from './people.messages.js';

const PER_PAGE = 50;
const PERSON_NOTICES = ['created', 'saved', 'accountCreated', 'accountSaved', 'invited', 'merged'] as const;

const ListQuery = Query({ q: Text, page: PageNumber, done: Text });
const AccountForm = Form({ role: Text, blogScope: TextList, disabled: Text, email: Text });
const byId = { params: IdParams };
// The merge page's no-script search sends `people_q`; the chosen person comes as `into`.
const MergeQuery = Query({ into: Text, people_q: Text });
const MergeForm = Form({ into: Text });
/** The merge form's problems: only `into` (the same person, or both with an account) and the form's own. */
type MergeProblems = Pick<PeopleProblems, 'into' | 'form'>;

const valuesOf = (p: Person, version: string): PersonFormValues => ({
  name: p.name,
  initials: p.initials,
  jobTitle: p.jobTitle,
  organisation: p.organisation,
  bio: p.bio,
  avatarPath: p.avatarPath ?? '',
  email: p.email ?? '',
  phone: p.phone,
  guest: p.guest,
  version,
});

export const adminPeopleRoutes: FastifyPluginAsyncTypebox<AdminDeps> = async (app, deps) => {
  const { db } = deps;

  /** The person page; the account part only for those who may manage accounts, with what they typed kept. */
  async function showPerson(
    request: FastifyRequest,
    reply: FastifyReply,
    person: Person,
    options: {
      values?: PersonFormValues;
      errors?: PeopleProblems;
      account?: Partial<Pick<AccountSectionView, 'values' | 'errors'>>;
      /** `?done=` of the address, after a redirect here. */
      done?: string | undefined;
    } = {},
    status = 200,
  ) {
    const actor = actorOf(request);
    let account: AccountSectionView | undefined;
    if (canManageAccounts(actor)) {
      const [overviews, blogs] = await Promise.all([findAccountOverviews(db, [person.id]), listBlogs(db)]);
      const current = overviews.get(person.id);
      account = {
        personName: person.name,
        blogs: blogs.map((b) => ({ id: b.id, title: b.title })),
        current: current ? { id: current.account.id, email: current.account.email, state: current.state } : null,
        values:
          options.account?.values ??
          (current
            ? {
                email: current.account.email,
                role: current.account.role,
                blogScope: current.account.blogScope ?? [],
                disabled: current.account.disabled,
              }
            : { email: person.email ?? '', role: 'author', blogScope: [], disabled: false }),
        errors: options.account?.errors ?? {},
      };
    }
    const notice = doneNotice(options.done, PERSON_NOTICES);
    const values = options.values ?? valuesOf(person, await personVersion(db, person.id));
    return sendAdminPage(
      deps,
      request,
      reply,
      'people',
      ({ i18n }, chrome) => (
        <PersonPage
          chrome={chrome}
          person={{ id: person.id, slug: person.slug, name: person.name }}
          values={values}
          errors={options.errors ?? {}}
          {...(account ? { account } : {})}
          {...(notice ? { notice: sectionText(peopleMessages, i18n.lang)(`notice.${notice}`) } : {})}
        />
      ),
      status,
    );
  }

  app.get('/admin/people', { schema: { querystring: ListQuery } }, async (request, reply) => {
    requireThat(canManagePeople(actorOf(request)));
    const page = pageOf(request.query.page);
    const query = clip(request.query.q, 120).trim();
    const people = await listPeople(db, { query, page, perPage: PER_PAGE });
    const accounts = await findAccountOverviews(
      db,
      people.items.map((p) => p.id),
    );
    const rows = people.items.map((p) => {
      const a = accounts.get(p.id);
      return {
        id: p.id,
        name: p.name,
        jobTitle: p.jobTitle,
        organisation: p.organisation,
        account: a ? { role: a.account.role, state: a.state } : null,
      };
    });
    const notice = doneNotice(request.query.done, ['created', 'deleted'] as const);
    return sendAdminPage(deps, request, reply, 'people', ({ i18n }, chrome) => (
      <PeopleListPage
        chrome={chrome}
        people={rows}
        query={query}
        page={people.page}
        pages={people.pages}
        total={people.total}
        {...(notice ? { notice: sectionText(peopleMessages, i18n.lang)(`notice.${notice}`) } : {})}
      />
    ));
  });

  // The pickers' search (authors, contacts, blog owners): for staff who pick people, never cached.
  app.get('/admin/people.json', { schema: { querystring: Query({ q: Text }) } }, async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canWritePosts(actor) || canManagePeople(actor));
    const q = clip(request.query.q, 120);
    const people = await searchPeople(db, q);
    return reply
      .header('cache-control', 'private, no-store')
      .send({ people: people.map((p) => ({ id: p.id, name: p.name, jobTitle: p.jobTitle, organisation: p.organisation })) });
  });

  app.get('/admin/people/new', async (request, reply) => {
    requireThat(canManagePeople(actorOf(request)));
    return sendAdminPage(deps, request, reply, 'people', (_c, chrome) => <PersonPage chrome={chrome} values={EMPTY_PERSON} errors={{}} />);
  });

  app.post('/admin/people', { schema: { body: PersonForm } }, async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canManagePeople(actor));
    const values = personValues(request.body);
    try {
      const person = await addPerson(db, actor, personInput(values));
      return reply.redirect(`/admin/people/${person.id}?done=created`, 303);
    } catch (error) {
      const errors = formErrors(error, PEOPLE_PROBLEMS);
      if (!errors) throw error;
      return sendAdminPage(
        deps,
        request,
        reply,
        'people',
        (_c, chrome) => <PersonPage chrome={chrome} values={values} errors={errors} />,
        422,
      );
    }
  });

  app.get('/admin/people/:id', { schema: { params: IdParams, querystring: DoneQuery } }, async (request, reply) => {
    requireThat(canManagePeople(actorOf(request)));
    return showPerson(request, reply, await getPerson(db, request.params.id), { done: request.query.done });
  });

  app.post('/admin/people/:id', { schema: { params: IdParams, body: PersonForm } }, async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canManagePeople(actor));
    const person = await getPerson(db, request.params.id);
    const values = personValues(request.body);
    try {
      await editPerson(db, actor, person.id, personInput(values), new Date(), values.version || undefined);
      return reply.redirect(`/admin/people/${person.id}?done=saved`, 303);
    } catch (error) {
      const errors = formErrors(error, PEOPLE_PROBLEMS);
      if (!errors) throw error;
      // Saved by someone else meanwhile: what this person typed comes back, now based on that save,
      // so pressing Save again is a choice to save over it.
      if (errors.version) values.version = await personVersion(db, person.id);
      return showPerson(request, reply, person, { values, errors }, errors.version ? 409 : 422);
    }
  });

  app.post('/admin/people/:id/account', { schema: { params: IdParams, body: AccountForm } }, async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canManageAccounts(actor));
    const person = await getPerson(db, request.params.id);
    const current = (await findAccountOverviews(db, [person.id])).get(person.id);
    const roleText = clip(request.body.role, 20);
    const role = (isRole(roleText) ? roleText : '') as Role;
    const blogScope = nonEmpty(request.body.blogScope).slice(0, 500);
    const disabled = request.body.disabled === '1';
    const email = current ? current.account.email : clip(request.body.email, 254).trim();
    try {
      if (current) {
        await changeAccount(db, actor, current.account.id, { role, blogScope, disabled });
        return reply.redirect(`/admin/people/${person.id}?done=accountSaved`, 303);
      }
      await giveAccount(db, actor, person.id, { email, role, blogScope }, { baseUrl: deps.baseUrl });
      deps.onMailQueued?.();
      return reply.redirect(`/admin/people/${person.id}?done=accountCreated`, 303);
    } catch (error) {
      const errors = formErrors(error, PEOPLE_PROBLEMS);
      if (!errors) throw error;
      return showPerson(
        request,
        reply,
        person,
        { account: { values: { email, role: roleText, blogScope, disabled }, errors } },
        (error as AppError).status,
      );
    }
  });

  app.post('/admin/people/:id/account/invite', { schema: byId }, async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canManageAccounts(actor));
    const person = await getPerson(db, request.params.id);
    const current = (await findAccountOverviews(db, [person.id])).get(person.id);
    if (!current) throw notFound('Account');
    try {
      await resendInvitation(db, actor, current.account.id, { baseUrl: deps.baseUrl });
    } catch (error) {
      const errors = formErrors(error, PEOPLE_PROBLEMS);
      if (!errors) throw error;
      return showPerson(request, reply, person, { account: { errors } }, 409);
    }
    deps.onMailQueued?.();
    return reply.redirect(`/admin/people/${person.id}?done=invited`, 303);
  });

  app.get('/admin/people/:id/delete', { schema: byId }, async (request, reply) => {
    const { person, use } = await describePersonUse(db, actorOf(request), request.params.id);
    return sendAdminPage(deps, request, reply, 'people', (_c, chrome) => <PersonDeletePage chrome={chrome} person={person} use={use} />);
  });

  app.post('/admin/people/:id/delete', { schema: byId }, async (request, reply) => {
    const actor = actorOf(request);
    try {
      await deletePerson(db, actor, request.params.id);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'conflict') throw error;
      // Someone added a byline meanwhile: the page says why and offers the merge.
      const { person, use } = await describePersonUse(db, actor, request.params.id);
      return sendAdminPage(
        deps,
        request,
        reply,
        'people',
        (_c, chrome) => <PersonDeletePage chrome={chrome} person={person} use={use} />,
        409,
      );
    }
    return reply.redirect('/admin/people?done=deleted', 303);
  });

  async function showMerge(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    intoId: string,
    peopleQuery = '',
    problems: MergeProblems = {},
    status = 200,
  ) {
    const actor = actorOf(request);
    const { person, use } = await describePersonUse(db, actor, id);
    const into = intoId && intoId !== id ? await getPerson(db, intoId).catch(() => undefined) : undefined;
    // The editor's picker: a capped list (the matches for the no-script search, and the one chosen), a combobox with script.
    const found = await listPickerPeople(db, { query: peopleQuery, chosenIds: into ? [into.id] : [] });
    const label = (p: Person) => [p.name, p.jobTitle, p.organisation].filter(Boolean).join(', ');
    const people = found.people.filter((p) => p.id !== id).map((p) => ({ id: p.id, name: label(p) }));
    const shown: MergeProblems = intoId && intoId === id && !problems.into ? { ...problems, into: 'same' } : problems;
    return sendAdminPage(
      deps,
      request,
      reply,
      'people',
      ({ i18n }, chrome) => {
        const t = sectionText(peopleMessages, i18n.lang);
        const error = shown.into
          ? t(problemKey<typeof PEOPLE_PROBLEMS, 'into'>('into', shown.into))
          : shown.form && t('error.form.invalid');
        return (
          <PersonMergePage
            chrome={chrome}
            person={person}
            use={use}
            people={people}
            peopleQuery={peopleQuery}
            morePeople={found.more}
            {...(into ? { into } : {})}
            {...(error ? { error } : {})}
          />
        );
      },
      status,
    );
  }

  app.get('/admin/people/:id/merge', { schema: { params: IdParams, querystring: MergeQuery } }, async (request, reply) =>
    showMerge(request, reply, request.params.id, clip(request.query.into, 100), clip(request.query.people_q, 120)),
  );

  app.post('/admin/people/:id/merge', { schema: { params: IdParams, body: MergeForm } }, async (request, reply) => {
    const actor = actorOf(request);
    const into = clip(request.body.into, 100);
    try {
      await mergePeople(db, actor, request.params.id, into);
    } catch (error) {
      const problems = error instanceof AppError ? formErrors(error, PEOPLE_PROBLEMS) : undefined;
      if (!problems || !(error instanceof AppError)) throw error;
      const shown: MergeProblems = problems.into ? { into: problems.into } : { form: 'invalid' };
      return showMerge(request, reply, request.params.id, into, '', shown, error.status);
    }
    return reply.redirect(`/admin/people/${into}?done=merged`, 303);
  });

  await app.register(adminBlogRoutes, deps);
  await app.register(passwordLinkRoutes, deps);
};
