/** The post editor: one form that works without JavaScript; the script adds live preview, autosave and image insertion. */
import { NoScriptSearch } from '../form-fields.js';
import { PICKER_LIMIT } from '../../../../people/person.js';
import type { PersonChoice } from '../../../../posts/post-admin.service.js';
import type { PostStatus } from '../../../../posts/post.js';
import type { PostForm } from '../../../../admin/posts/post-form.js';
import { fieldRank, rowsInUse } from '../../../../admin/posts/post-form.js';
import type { PostErrors } from '../../../../admin/posts/post-problems.js';
import type { ComponentChildren } from 'preact';
import type { SafeHtml } from '../../../../shared/safe-html.js';
import { useView } from '../../../context.js';
import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';
import { TrustedHtml } from '../../../trusted-html.js';
import { describedBy, errorText, FieldError, RowButton, SelectField, TextField, usePostText } from './post-fields.js';
import { useReviewText } from './review-text.js';
import type { SectionText } from '../../../../admin/admin-i18n.js';
import type { postMessages } from '../../../../admin/posts/posts.messages.js';
import { AutosaveOffer, type AutosaveOfferModel } from './autosave-offer.js';
import type { FeaturedForm } from '../../../../admin/media/featured-form.js';
import type { Upload } from '../../../../uploads/upload.service.js';
import { FeaturedImageFields, featuredLabel } from '../media/featured-fields.js';

export interface PostEditorModel {
  /** The post being edited; absent for a new one. */
  post?: { id: string; title: string; status: PostStatus; publicUrl: string | null; previewUrl?: string | null };
  form: PostForm;
  errors: PostErrors;
  blogs: { id: string; title: string }[];
  people: PersonChoice[];
  /** What the no-script person search looked for, and whether the lists were cut at the cap. */
  peopleQuery?: string;
  morePeople?: boolean;
  /** The field to put the cursor in, after a row was added or moved. */
  focus?: string;
  preview?: SafeHtml;
  notice?: 'saved' | 'restored';
  /** An autosave newer than the saved post, offered back. */
  autosave?: AutosaveOfferModel;
  discarded?: boolean;
  /** The address named a kept form that is gone (expired, unknown or another account's): the editor shows afresh. */
  formGone?: boolean;
  /** The form came back from the server without being saved (a row button, the preview, an error). */
  unsaved?: boolean;
  /** Save was pressed (Enter in the no-script person search) with a new search term: the search ran instead. */
  searchedInsteadOfSave?: boolean;
  /** The featured image's fields and the uploads to pick from (issue 13). */
  featured?: { values: FeaturedForm; choices: Upload[]; uploaded?: boolean };
}

/**
 * Markdown buttons for the body. The script shows them and makes them work; without it the
 * group stays hidden, as it would do nothing.
 */
function FormatBar() {
  const t = usePostText();
  const buttons = [
    { action: 'heading', label: t('editor.format.heading'), text: 'H' },
    { action: 'bold', label: t('editor.format.bold'), text: 'B', keys: 'Control+B Meta+B' },
    { action: 'italic', label: t('editor.format.italic'), text: 'I', keys: 'Control+I Meta+I' },
    { action: 'link', label: t('editor.format.link'), text: '↗', keys: 'Control+K Meta+K' },
    { action: 'list', label: t('editor.format.list'), text: '•' },
    { action: 'quote', label: t('editor.format.quote'), text: '“' },
  ];
  return (
    <div class="format-bar" role="group" aria-label={t('editor.format')} data-for="post-body" hidden>
      {buttons.map((b) => (
        <button
          key={b.action}
          type="button"
          class="format-bar__button"
          data-format={b.action}
          aria-label={b.label}
          title={b.label}
          aria-keyshortcuts={b.keys}
        >
          <span aria-hidden="true" class={`format-bar__icon format-bar__icon--${b.action}`}>
            {b.text}
          </span>
        </button>
      ))}
    </div>
  );
}

type T = ReturnType<typeof usePostText>;

/** The name of a field for the error summary, from its id. */
function labelFor(t: T, id: string, lang: 'da' | 'en'): string {
  const top: Record<string, string> = {
    'post-blog': t('editor.blog'),
    'post-title': t('editor.title'),
    'post-slug': t('editor.slug'),
    'post-lead': t('editor.lead'),
    'post-body': t('editor.body'),
    'post-tags': t('editor.tags'),
    'post-status-draft': t('editor.status'),
    'post-publish-at': t('editor.publishAt', { zone: '' }).replace(/\s*\(\)$/, ''),
  };
  if (top[id]) return top[id]!;
  if (id.startsWith('featured-')) return featuredLabel(lang, id);
  let m = /^author-(\d+)-/.exec(id);
  if (m) return t('editor.authorN', { n: Number(m[1]) + 1 });
  m = /^guest-(\d+)-(.+)$/.exec(id);
  if (m) {
    const part = { name: t('editor.guestName'), 'job-title': t('editor.jobTitle'), organisation: t('editor.organisation') }[m[2]!] ?? '';
    return `${t('editor.guestN', { n: Number(m[1]) + 1 })}${part ? `: ${part}` : ''}`;
  }
  m = /^link-(\d+)-(.+)$/.exec(id);
  if (m) return `${t('editor.linkN', { n: Number(m[1]) + 1 })}: ${m[2] === 'url' ? t('editor.linkUrl') : t('editor.linkTitle')}`;
  m = /^box-(\d+)-contact-(\d+)-(.+)$/.exec(id);
  if (m) {
    const part = m[3] === 'email' ? t('editor.contactEmail') : t('editor.contactName');
    return `${t('editor.boxN', { n: Number(m[1]) + 1 })}, ${t('editor.contactN', { n: Number(m[2]) + 1 })}: ${part}`;
  }
  m = /^box-(\d+)-/.exec(id);
  if (m) return `${t('editor.boxN', { n: Number(m[1]) + 1 })}: ${t('editor.boxHeading')}`;
  return t('error.form');
}

function ErrorSummary({ errors }: { errors: PostErrors }) {
  const t = usePostText();
  const { lang } = useView().i18n;
  const ids = Object.keys(errors).sort((a, b) => fieldRank(a) - fieldRank(b));
  if (ids.length === 0) return null;
  // Nothing to correct: someone else saved first, and the message says what the person can do.
  if (ids.length === 1 && errors.form === 'edited_meanwhile')
    return (
      <div class="error-summary" role="alert" id="error-summary" tabIndex={-1}>
        <p>{errorText(t, 'edited_meanwhile')}</p>
      </div>
    );
  return (
    <div class="error-summary" role="alert" id="error-summary" tabIndex={-1}>
      <p>{t('error.summary')}</p>
      <ul>
        {ids.map((id) => (
          <li key={id}>
            {id === 'form' ? (
              errorText(t, errors[id]!)
            ) : (
              <a href={`#${id}`}>
                {labelFor(t, id, lang)}: {errorText(t, errors[id]!)}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function personOptions(t: T, people: PersonChoice[], empty: string) {
  return [
    { value: '', label: empty },
    ...people.map((p) => ({
      value: p.id,
      label: [p.name, p.jobTitle, p.organisation].filter(Boolean).join(', '),
    })),
  ];
}

/**
 * An optional group of rows in the sidebar, folded away while it holds nothing. It opens by
 * itself when a row has content, an error or the cursor, so nothing typed or wrong is hidden.
 */
function Foldable({
  model,
  prefix,
  count,
  label,
  children,
}: {
  model: PostEditorModel;
  prefix: string;
  count: number;
  label: string;
  children: ComponentChildren;
}) {
  const touched = (id: string) => id.startsWith(prefix);
  const open = count > 0 || Object.keys(model.errors).some(touched) || (model.focus !== undefined && touched(model.focus));
  return (
    <details class="editor-fold" open={open}>
      <summary>{count > 0 ? `${label} (${count})` : label}</summary>
      {children}
    </details>
  );
}

/**
 * Without script the person selects list only the chosen people and a capped set of others; this
 * box sends the form back with the matches offered and everything typed kept. With script the
 * selects become searching comboboxes, so the box is not there (`noscript`).
 */
function PeopleSearch({ model }: { model: PostEditorModel }) {
  const t = usePostText();
  const query = model.peopleQuery ?? '';
  return (
    <NoScriptSearch
      id="people-search"
      name="people_q"
      op="find-people"
      label={t('editor.peopleSearch')}
      hint={t('editor.peopleSearchHint')}
      button={t('editor.peopleSearchButton')}
      status={`${query.trim() ? `${t('editor.peopleFound', { query: query.trim() })} ` : ''}${model.morePeople ? t('editor.peopleCapped', { limit: PICKER_LIMIT }) : ''}`}
      query={query}
      autoFocus={model.focus === 'people-search'}
      shownQuery
    />
  );
}

function Authors({ model }: { model: PostEditorModel }) {
  const t = usePostText();
  const { form, errors, focus } = model;
  const options = personOptions(t, model.people, t('editor.choosePerson'));
  const last = form.authors.length - 1;
  return (
    <fieldset class="rows" aria-describedby="authors-hint">
      <legend>{t('editor.authors')}</legend>
      <p class="hint" id="authors-hint">
        {t('editor.authorsHint')}
      </p>
      <PeopleSearch model={model} />
      {form.authors.map((row, i) => {
        const n = i + 1;
        const person = model.people.find((p) => p.id === row.personId);
        // Empty keeps the person's own, which the hint names, so an override is a choice and never a copy.
        const own = (value: string | undefined) => (value ? t('editor.ownValue', { value }) : t('editor.ownEmpty'));
        return (
          <fieldset key={i} class="row">
            <legend>{t('editor.authorN', { n })}</legend>
            <div class="row__fields">
              <SelectField
                id={`author-${i}-person`}
                name="author_person"
                label={t('editor.person')}
                value={row.personId}
                errors={errors}
                options={options}
                autoFocus={focus === `author-${i}-person`}
                picker={t('editor.pickerHint')}
              />
              <TextField id={`author-${i}-note`} name="author_note" label={t('editor.note')} value={row.note} errors={errors} />
              <TextField
                id={`author-${i}-job-title`}
                name="author_job_title"
                label={t('editor.authorJobTitle')}
                value={row.jobTitle}
                errors={errors}
                hint={own(person?.jobTitle)}
              />
              <TextField
                id={`author-${i}-organisation`}
                name="author_organisation"
                label={t('editor.authorOrganisation')}
                value={row.organisation}
                errors={errors}
                hint={own(person?.organisation)}
              />
              <TextField
                id={`author-${i}-order`}
                name="author_order"
                label={t('editor.order')}
                value={row.order}
                errors={errors}
                inputMode="numeric"
                class="field--narrow"
              />
            </div>
            <p class="row__actions">
              {i > 0 && <RowButton op={`up-author-${i}`}>{t('editor.up', { n })}</RowButton>}
              {i < last && <RowButton op={`down-author-${i}`}>{t('editor.down', { n })}</RowButton>}
              <RowButton op={`remove-author-${i}`}>{t('editor.removeAuthor', { n })}</RowButton>
            </p>
          </fieldset>
        );
      })}
      <p>
        <RowButton op="add-author">{t('editor.addAuthor')}</RowButton>
      </p>
    </fieldset>
  );
}

function Guests({ model }: { model: PostEditorModel }) {
  const t = usePostText();
  const { form, errors, focus } = model;
  return (
    <fieldset class="rows" aria-describedby="guests-hint">
      <legend>{t('editor.guests')}</legend>
      <p class="hint" id="guests-hint">
        {t('editor.guestsHint')}
      </p>
      {form.guests.map((row, i) => {
        const n = i + 1;
        return (
          <fieldset key={i} class="row">
            <legend>{t('editor.guestN', { n })}</legend>
            <div class="row__fields">
              <TextField
                id={`guest-${i}-name`}
                name="guest_name"
                label={t('editor.guestName')}
                value={row.name}
                errors={errors}
                autoFocus={focus === `guest-${i}-name`}
              />
              <TextField
                id={`guest-${i}-job-title`}
                name="guest_job_title"
                label={t('editor.jobTitle')}
                value={row.jobTitle}
                errors={errors}
              />
              <TextField
                id={`guest-${i}-organisation`}
                name="guest_organisation"
                label={t('editor.organisation')}
                value={row.organisation}
                errors={errors}
              />
              <TextField id={`guest-${i}-note`} name="guest_note" label={t('editor.note')} value={row.note} errors={errors} />
              <TextField
                id={`guest-${i}-order`}
                name="guest_order"
                label={t('editor.order')}
                value={row.order}
                errors={errors}
                inputMode="numeric"
                class="field--narrow"
              />
            </div>
            <p class="row__actions">
              <RowButton op={`remove-guest-${i}`}>{t('editor.removeGuest', { n })}</RowButton>
            </p>
          </fieldset>
        );
      })}
      <p>
        <RowButton op="add-guest">{t('editor.addGuest')}</RowButton>
      </p>
    </fieldset>
  );
}

function Links({ model }: { model: PostEditorModel }) {
  const t = usePostText();
  const { form, errors, focus } = model;
  return (
    <fieldset class="rows">
      <legend>{t('editor.links')}</legend>
      {form.links.map((row, i) => {
        const n = i + 1;
        return (
          <fieldset key={i} class="row">
            <legend>{t('editor.linkN', { n })}</legend>
            <div class="row__fields">
              <TextField
                id={`link-${i}-title`}
                name="link_title"
                label={t('editor.linkTitle')}
                value={row.title}
                errors={errors}
                autoFocus={focus === `link-${i}-title`}
              />
              <TextField
                id={`link-${i}-url`}
                name="link_url"
                label={t('editor.linkUrl')}
                value={row.url}
                errors={errors}
                inputMode="url"
                hint={t('editor.linkUrlHint')}
              />
              <TextField
                id={`link-${i}-description`}
                name="link_description"
                label={t('editor.linkDescription')}
                value={row.description}
                errors={errors}
              />
            </div>
            <p class="row__actions">
              <RowButton op={`remove-link-${i}`}>{t('editor.removeLink', { n })}</RowButton>
            </p>
          </fieldset>
        );
      })}
      <p>
        <RowButton op="add-link">{t('editor.addLink')}</RowButton>
      </p>
    </fieldset>
  );
}

function Boxes({ model }: { model: PostEditorModel }) {
  const t = usePostText();
  const { form, errors, focus } = model;
  const options = personOptions(t, model.people, t('editor.noPerson'));
  return (
    <fieldset class="rows">
      <legend>{t('editor.boxes')}</legend>
      {form.boxes.map((box, b) => {
        const n = b + 1;
        return (
          <fieldset key={b} class="row">
            <legend>{t('editor.boxN', { n })}</legend>
            <TextField
              id={`box-${b}-heading`}
              name="box_heading"
              label={t('editor.boxHeading')}
              value={box.heading}
              errors={errors}
              autoFocus={focus === `box-${b}-heading`}
            />
            <TextField id={`box-${b}-body`} name="box_body" label={t('editor.boxBody')} value={box.body} errors={errors} rows={3} />
            <fieldset class="rows rows--nested">
              <legend>{t('editor.contacts', { n })}</legend>
              {box.contacts.map((c, j) => {
                const id = `box-${b}-contact-${j}`;
                return (
                  <fieldset key={j} class="row">
                    <legend>{t('editor.contactN', { n: j + 1 })}</legend>
                    <input type="hidden" name="contact_box" value={String(b)} />
                    <div class="row__fields">
                      <SelectField
                        id={`${id}-person`}
                        name="contact_person"
                        label={t('editor.contactPerson')}
                        value={c.personId}
                        errors={errors}
                        options={options}
                        picker={t('editor.pickerHint')}
                      />
                      <TextField
                        id={`${id}-name`}
                        name="contact_name"
                        label={t('editor.contactName')}
                        value={c.name}
                        errors={errors}
                        autoFocus={focus === `${id}-name`}
                      />
                      <TextField id={`${id}-role`} name="contact_role" label={t('editor.contactRole')} value={c.role} errors={errors} />
                      <TextField
                        id={`${id}-phone`}
                        name="contact_phone"
                        label={t('editor.contactPhone')}
                        value={c.phone}
                        errors={errors}
                        type="tel"
                      />
                      <TextField
                        id={`${id}-email`}
                        name="contact_email"
                        label={t('editor.contactEmail')}
                        value={c.email}
                        errors={errors}
                        type="email"
                      />
                    </div>
                    <p class="row__actions">
                      <RowButton op={`remove-contact-${b}-${j}`}>{t('editor.removeContact', { n: j + 1, box: n })}</RowButton>
                    </p>
                  </fieldset>
                );
              })}
              <p>
                <RowButton op={`add-contact-${b}`}>{t('editor.addContact', { n })}</RowButton>
              </p>
            </fieldset>
            <p class="row__actions">
              <RowButton op={`remove-box-${b}`}>{t('editor.removeBox', { n })}</RowButton>
            </p>
          </fieldset>
        );
      })}
      <p>
        <RowButton op="add-box">{t('editor.addBox')}</RowButton>
      </p>
    </fieldset>
  );
}

function Status({ model }: { model: PostEditorModel }) {
  const t = usePostText();
  const { site } = useView();
  const { form, errors } = model;
  const current = model.post?.status;
  const options: { value: PostForm['statusAction']; label: string }[] =
    current === 'published'
      ? [
          { value: 'publish', label: t('editor.status.keepPublished') },
          { value: 'draft', label: t('editor.status.unpublish') },
          { value: 'schedule', label: t('editor.status.reschedule') },
        ]
      : [
          { value: 'draft', label: current === 'scheduled' ? t('editor.status.unpublish') : t('editor.status.draft') },
          { value: 'publish', label: t('editor.status.publish') },
          { value: 'schedule', label: t('editor.status.schedule') },
        ];
  const statusError = Boolean(errors['post-status-draft']);
  return (
    <fieldset class="status" aria-describedby={statusError ? 'post-status-draft-error' : undefined}>
      <legend>{t('editor.status')}</legend>
      <FieldError id="post-status-draft" errors={errors} />
      {options.map((o) => (
        <p key={o.value} class="field checkbox">
          <input type="radio" id={`post-status-${o.value}`} name="status_action" value={o.value} checked={form.statusAction === o.value} />
          <label for={`post-status-${o.value}`}>{o.label}</label>
        </p>
      ))}
      <TextField
        id="post-publish-at"
        name="publish_at"
        type="datetime-local"
        label={t('editor.publishAt', { zone: site.timeZone })}
        value={form.publishAt}
        errors={errors}
        hint={t('editor.publishAtHint')}
      />
    </fieldset>
  );
}

/** What can be done with a saved post besides editing it; a new post's first autosave adds them (admin.js). */
export function EditorLinks({ post }: { post: NonNullable<PostEditorModel['post']> }) {
  const t = usePostText();
  const review = useReviewText();
  return (
    <p class="editor-links">
      {post.publicUrl && <a href={post.publicUrl}>{t('editor.view')}</a>}
      {post.previewUrl && <a href={post.previewUrl}>{review('preview.open')}</a>}
      <a href={`/admin/posts/${post.id}/preview-links`}>{review('share.open')}</a>
      <a href={`/admin/posts/${post.id}/revisions`}>{t('editor.revisions')}</a>
      <a href={`/admin/posts/${post.id}/delete`}>{t('editor.delete')}</a>
    </p>
  );
}

/** The editor's heading (and the start of the window's title): a post's title once it has one. */
export function editorHeading(t: SectionText<typeof postMessages.da>, postTitle: string | undefined): string {
  return postTitle === undefined ? t('editor.newTitle') : t('editor.editTitle', { title: postTitle });
}

export function PostEditorPage({ chrome, model }: { chrome: AdminChrome; model: PostEditorModel }) {
  const t = usePostText();
  const review = useReviewText();
  const { form, errors, post } = model;
  const title = editorHeading(t, post?.title);
  const action = post ? `/admin/posts/${post.id}` : '/admin/posts';
  const blogOptions = model.blogs.map((b) => ({ value: b.id, label: b.title }));
  // A first-run site has no blog: the editor says so before anything is typed, and makes no draft
  // in the background that could only fail.
  const noBlog = blogOptions.length === 0;
  // What to do about it: an administrator makes the blog, anyone else asks one.
  const noBlogNext = chrome.actor?.role === 'admin' ? <a href="/admin/blogs/new">{t('editor.noBlog.create')}</a> : t('editor.noBlog.ask');
  const bodyError = Boolean(errors['post-body']);
  const inUse = rowsInUse(form);
  return (
    <AdminLayout title={title} chrome={chrome}>
      {/* The editor's script changes it when a new post becomes a draft or a draft's title changes. */}
      <h1 id="editor-heading">{title}</h1>
      {model.notice && (
        <p class="form-notice" role="status">
          {t(model.notice === 'saved' ? 'editor.saved' : 'editor.restored')}
        </p>
      )}
      {model.formGone && (
        <p class="form-notice" role="status" id="form-gone">
          {t('editor.formGone')}
        </p>
      )}
      {model.searchedInsteadOfSave && (
        <p class="form-notice" role="status" id="searched-not-saved">
          {t('editor.searchedNotSaved', { query: (model.peopleQuery ?? '').trim() })}
        </p>
      )}
      {noBlog && (
        <p class="form-notice form-notice--warning" id="no-blog">
          {t('editor.noBlog')} {noBlogNext}
        </p>
      )}
      {model.autosave && <AutosaveOffer model={model.autosave} csrf={chrome.csrf} />}
      {model.discarded && (
        <p class="form-notice" role="status">
          {review('autosave.discarded')}
        </p>
      )}
      <ErrorSummary errors={errors} />
      {post && <EditorLinks post={post} />}
      {/* Multipart, so a featured image file travels with the text; the token must stay its first field (checkCsrf). */}
      <form
        id="post-editor"
        class="admin-form post-editor"
        method="post"
        action={action}
        encType="multipart/form-data"
        noValidate
        data-preview-url="/admin/preview"
        data-autosave-url={post ? `/admin/posts/${post.id}/autosave` : undefined}
        data-autosave-new-url={post || noBlog ? undefined : '/admin/posts/autosave'}
        data-unsaved={model.unsaved ? '1' : undefined}
      >
        <input type="hidden" name="_csrf" value={chrome.csrf} />
        <input type="hidden" name="version" id="post-version" value={form.version} />
        {/* The first button is the one Enter presses: saving, never adding a row. */}
        <div class="editor-toolbar" role="group" aria-label={t('editor.actions')}>
          <button type="submit" name="op" value="save">
            {t('editor.save')}
          </button>
          <button type="submit" name="op" value="preview" class="button--secondary" formNoValidate>
            {t('editor.preview')}
          </button>
          <span id="autosave-status" class="hint" role="status" data-idle={t('editor.autosave')} />
        </div>
        <div class="editor-layout">
          <div class="editor-main">
            <TextField id="post-title" name="title" label={t('editor.title')} value={form.title} errors={errors} required />
            <TextField id="post-lead" name="lead" label={t('editor.lead')} value={form.lead} errors={errors} rows={3} />
            <div class="field">
              <label for="post-body">{t('editor.body')}</label>
              <FormatBar />
              <textarea
                id="post-body"
                name="body"
                rows={18}
                class="editor-body"
                aria-invalid={bodyError ? 'true' : undefined}
                aria-describedby={describedBy('post-body', true, bodyError)}
                value={form.body}
              />
              <span class="hint" id="post-body-hint">
                {t('editor.bodyHint')}
              </span>
              <span class="hint" id="post-body-keys" hidden>
                {t('editor.format.hint')}
              </span>
              <FieldError id="post-body" errors={errors} />
            </div>
            <section class="preview" aria-labelledby="preview-heading">
              <h2 id="preview-heading">{t('editor.previewHeading')}</h2>
              <div id="post-preview" class="preview__body" aria-live="polite">
                {model.preview ? <TrustedHtml html={model.preview} class="post__body" /> : <p class="hint">{t('editor.previewEmpty')}</p>}
              </div>
            </section>
          </div>
          <div class="editor-side">
            <Status model={model} />
            {noBlog ? (
              <div class="field" id="post-blog" tabIndex={-1}>
                <span class="field__label">{t('editor.blog')}</span>
                <p class="hint">{noBlogNext}</p>
                <FieldError id="post-blog" errors={errors} />
              </div>
            ) : (
              <SelectField
                id="post-blog"
                name="blogId"
                label={t('editor.blog')}
                value={form.blogId}
                errors={errors}
                options={blogOptions}
              />
            )}
            <TextField
              id="post-slug"
              name="slug"
              label={t('editor.slug')}
              value={form.slug}
              errors={errors}
              hint={t(post ? 'editor.slugHintEdit' : 'editor.slugHintNew')}
            />
            <Authors model={model} />
            <Foldable model={model} prefix="guest-" count={inUse.guests} label={t('editor.guests')}>
              <Guests model={model} />
            </Foldable>
            {model.featured && (
              <FeaturedImageFields
                values={model.featured.values}
                choices={model.featured.choices}
                errors={errors}
                {...(model.featured.uploaded ? { uploaded: true } : {})}
              />
            )}
            <TextField id="post-tags" name="tags" label={t('editor.tags')} value={form.tags} errors={errors} hint={t('editor.tagsHint')} />
            <div class="field checkbox">
              <input type="checkbox" id="post-comments" name="commentsOpen" value="1" checked={form.commentsOpen} />
              <label for="post-comments">{t('editor.comments')}</label>
            </div>
            <Foldable model={model} prefix="box-" count={inUse.boxes} label={t('editor.boxes')}>
              <Boxes model={model} />
            </Foldable>
            <Foldable model={model} prefix="link-" count={inUse.links} label={t('editor.links')}>
              <Links model={model} />
            </Foldable>
            <p>
              <button type="submit" name="op" value="save">
                {t('editor.save')}
              </button>
            </p>
          </div>
        </div>
      </form>
      <UploadForm postId={post?.id} csrf={chrome.csrf} />
    </AdminLayout>
  );
}

/** A form of its own (a file cannot ride in the editor's form without making every save a multipart upload). */
export function UploadForm({ postId, csrf }: { postId: string | undefined; csrf: string }) {
  const t = usePostText();
  return (
    <section class="upload" aria-labelledby="upload-heading">
      <h2 id="upload-heading">{t('upload.heading')}</h2>
      <form id="upload-form" method="post" action="/admin/uploads" encType="multipart/form-data" data-insert-into="post-body">
        {/* First, always: the token of a multipart form is read from its first part (checkCsrf). */}
        <input type="hidden" name="_csrf" value={csrf} />
        {postId && <input type="hidden" name="post" value={postId} />}
        <TextField id="upload-alt" name="alt" label={t('upload.alt')} value="" errors={{}} />
        <div class="field">
          <label for="upload-file">{t('upload.file')}</label>
          <input
            type="file"
            id="upload-file"
            name="file"
            accept="image/jpeg,image/png,image/webp,image/gif"
            aria-describedby="upload-file-hint"
          />
          <span class="hint" id="upload-file-hint">
            {t('upload.fileHint')}
          </span>
        </div>
        <p>
          <button type="submit" class="button--secondary">
            {t('upload.submit')}
          </button>
        </p>
        <p id="upload-status" class="hint" role="status" />
      </form>
    </section>
  );
}
