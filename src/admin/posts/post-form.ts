/**
 * The post editor as a plain HTML form: repeated rows are parallel fields (`author_person`,
 * `author_note`, …), read back by position. Without JavaScript, "add another", "move" and
 * "remove" buttons post the whole form, which comes back with everything typed kept.
 */
import type { Static } from '@fastify/type-provider-typebox';
import type { Actor } from '../../accounts/account.js';
import type { AdminAuthorInput, AdminPostInput, EditablePost, StatusAction } from '../../posts/post-admin.service.js';
import { STATUS_ACTIONS } from '../../posts/post-admin.service.js';
import { LIMITS } from '../../posts/post.js';
import { clip, Form, Text, TextList } from '../../http/schemas.js';
import { fromLocalInput, toLocalInput } from './local-time.js';
import type { PostErrors, PostProblem } from './post-problems.js';

/** The editor's fields by shape: one value each, or a list for the rows' parallel fields. */
export const EDITOR_FIELDS = {
  blogId: Text,
  title: Text,
  slug: Text,
  lead: Text,
  body: Text,
  tags: Text,
  commentsOpen: Text,
  status_action: Text,
  publish_at: Text,
  author_person: TextList,
  author_note: TextList,
  author_order: TextList,
  author_job_title: TextList,
  author_organisation: TextList,
  guest_name: TextList,
  guest_job_title: TextList,
  guest_organisation: TextList,
  guest_note: TextList,
  guest_order: TextList,
  link_title: TextList,
  link_url: TextList,
  link_description: TextList,
  box_heading: TextList,
  box_body: TextList,
  contact_box: TextList,
  contact_person: TextList,
  contact_name: TextList,
  contact_role: TextList,
  contact_phone: TextList,
  contact_email: TextList,
  op: Text,
  people_q: Text,
  people_q_shown: Text,
  featured_upload: Text,
  featured_alt: Text,
  featured_caption: Text,
  featured_credit: Text,
  version: Text,
};
export const EditorFields = Form(EDITOR_FIELDS);
export type EditorFields = Static<typeof EditorFields>;
type ListField = { [K in keyof EditorFields]-?: NonNullable<EditorFields[K]> extends string[] ? K : never }[keyof EditorFields];

export interface AuthorRow {
  personId: string;
  note: string;
  order: string;
  /** This post's job title and organisation for the person; empty means their own. */
  jobTitle: string;
  organisation: string;
}
export interface GuestRow {
  name: string;
  jobTitle: string;
  organisation: string;
  note: string;
  order: string;
}
export interface LinkRow {
  title: string;
  url: string;
  description: string;
}
export interface ContactRow {
  personId: string;
  name: string;
  role: string;
  phone: string;
  email: string;
}
export interface BoxRow {
  heading: string;
  body: string;
  contacts: ContactRow[];
}

/** Everything the editor shows, as the strings the person typed. */
export interface PostForm {
  blogId: string;
  title: string;
  slug: string;
  lead: string;
  body: string;
  /** Comma-separated. */
  tags: string;
  commentsOpen: boolean;
  statusAction: StatusAction;
  /** A datetime-local value in the site's time zone. */
  publishAt: string;
  authors: AuthorRow[];
  guests: GuestRow[];
  links: LinkRow[];
  boxes: BoxRow[];
  /** When the post was last changed as the editor was opened (ISO); '' for a new post. */
  version: string;
}

/** More rows than a post sensibly has; a bigger form is cut, not trusted. */
const MAX_ROWS = 40;
const TEXT = 2000;

const emptyAuthor = (): AuthorRow => ({ personId: '', note: '', order: '', jobTitle: '', organisation: '' });
const emptyGuest = (): GuestRow => ({ name: '', jobTitle: '', organisation: '', note: '', order: '' });
const emptyLink = (): LinkRow => ({ title: '', url: '', description: '' });
const emptyContact = (): ContactRow => ({ personId: '', name: '', role: '', phone: '', email: '' });
const emptyBox = (): BoxRow => ({ heading: '', body: '', contacts: [emptyContact(), emptyContact()] });

const isEmptyAuthor = (r: AuthorRow) => !r.personId;
const isEmptyGuest = (r: GuestRow) => !r.name.trim() && !r.jobTitle.trim() && !r.organisation.trim() && !r.note.trim();
const isEmptyLink = (r: LinkRow) => !r.title.trim() && !r.url.trim() && !r.description.trim();
const isEmptyContact = (r: ContactRow) => !r.personId && !r.name.trim() && !r.role.trim() && !r.phone.trim() && !r.email.trim();
const isEmptyBox = (r: BoxRow) => !r.heading.trim() && !r.body.trim() && r.contacts.every(isEmptyContact);

/** A parallel field's values; a lone empty value counts as none, so a form's one blank row is no row. */
const valuesOf = (values: readonly string[] | undefined): readonly string[] =>
  values === undefined || (values.length === 1 && values[0] === '') ? [] : values;

/** Parallel fields as rows: row i takes the i-th value of each field ('' where a field has fewer). */
function rows<T>(body: EditorFields, names: Record<keyof T, ListField>, max = TEXT): T[] {
  const columns = Object.entries<ListField>(names).map(([key, name]) => [key, valuesOf(body[name])] as const);
  const count = Math.min(MAX_ROWS * 4, Math.max(0, ...columns.map(([, values]) => values.length)));
  return Array.from(
    { length: count },
    (_, i) => Object.fromEntries(columns.map(([key, values]) => [key, (values[i] ?? '').slice(0, max)])) as T,
  );
}

/** How many rows of each optional kind hold something; the editor folds away the kinds that hold nothing. */
export function rowsInUse(form: PostForm): { guests: number; links: number; boxes: number } {
  return {
    guests: form.guests.filter((r) => !isEmptyGuest(r)).length,
    links: form.links.filter((r) => !isEmptyLink(r)).length,
    boxes: form.boxes.filter((r) => !isEmptyBox(r)).length,
  };
}

const isStatusAction = (value: string): value is StatusAction => (STATUS_ACTIONS as readonly string[]).includes(value);

export function readPostForm(body: EditorFields): PostForm {
  const action = clip(body.status_action);
  const boxes = rows<{ heading: string; body: string }>(body, { heading: 'box_heading', body: 'box_body' }).slice(0, MAX_ROWS);
  const contacts = rows<ContactRow & { box: string }>(
    body,
    {
      box: 'contact_box',
      personId: 'contact_person',
      name: 'contact_name',
      role: 'contact_role',
      phone: 'contact_phone',
      email: 'contact_email',
    },
    300,
  );
  return {
    blogId: clip(body.blogId, 100),
    title: clip(body.title, LIMITS.title + 100),
    slug: clip(body.slug, 300),
    lead: clip(body.lead, LIMITS.lead + 100),
    body: clip(body.body, LIMITS.body + 100),
    tags: clip(body.tags, 3000),
    commentsOpen: body.commentsOpen === '1',
    statusAction: isStatusAction(action) ? action : 'draft',
    publishAt: clip(body.publish_at, 40),
    authors: rows<AuthorRow>(
      body,
      {
        personId: 'author_person',
        note: 'author_note',
        order: 'author_order',
        jobTitle: 'author_job_title',
        organisation: 'author_organisation',
      },
      300,
    ).slice(0, MAX_ROWS),
    guests: rows<GuestRow>(
      body,
      {
        name: 'guest_name',
        jobTitle: 'guest_job_title',
        organisation: 'guest_organisation',
        note: 'guest_note',
        order: 'guest_order',
      },
      300,
    ).slice(0, MAX_ROWS),
    links: rows<LinkRow>(body, { title: 'link_title', url: 'link_url', description: 'link_description' }, LIMITS.url + 100).slice(
      0,
      MAX_ROWS,
    ),
    boxes: boxes.map((box, b) => ({
      ...box,
      contacts: contacts
        .filter((c) => c.box === String(b))
        .slice(0, MAX_ROWS)
        .map(({ box: _box, ...contact }) => contact),
    })),
    version: clip(body.version, 40),
  };
}

/** The editor for a new post: the actor as its first author, comments open. */
export function newPostForm(actor: Actor, blogId = ''): PostForm {
  return padForm({
    blogId,
    title: '',
    slug: '',
    lead: '',
    body: '',
    tags: '',
    commentsOpen: true,
    statusAction: 'draft',
    publishAt: '',
    authors: [{ personId: actor.personId, note: '', order: '1', jobTitle: '', organisation: '' }],
    guests: [],
    links: [],
    boxes: [],
    version: '',
  });
}

export function formFromPost(post: EditablePost, timeZone: string): PostForm {
  const publishedAt = post.publishedAt ? new Date(post.publishedAt) : null;
  return padForm({
    blogId: post.blogId,
    title: post.title,
    slug: post.slug,
    lead: post.lead,
    body: post.body,
    tags: post.tags.join(', '),
    commentsOpen: post.commentsOpen,
    statusAction: post.status === 'scheduled' ? 'schedule' : post.status === 'published' ? 'publish' : 'draft',
    // A published post's time is there too, so "schedule" can move its date.
    publishAt: publishedAt && post.status !== 'draft' ? toLocalInput(publishedAt, timeZone) : '',
    authors: post.authors.map((a, i) => ({
      personId: a.personId,
      note: a.bylineNote,
      order: String(i + 1),
      jobTitle: a.jobTitle,
      organisation: a.organisation,
    })),
    guests: [],
    links: post.relatedLinks.map((l) => ({ ...l })),
    boxes: post.infoBoxes.map((b) => ({
      heading: b.heading,
      body: b.body,
      contacts: b.contacts.map((c) => ({ ...c, personId: c.personId ?? '' })),
    })),
    version: post.updatedAt.toISOString(),
  });
}

/** Adds empty rows to fill in: one of each kind at the end, two links and two contacts to start with. */
export function padForm(form: PostForm): PostForm {
  const padded = structuredClone(form);
  if (!padded.authors.some(isEmptyAuthor)) padded.authors.push(emptyAuthor());
  if (!padded.guests.some(isEmptyGuest)) padded.guests.push(emptyGuest());
  const emptyLinks = Math.max(1, 2 - padded.links.filter((l) => !isEmptyLink(l)).length);
  while (padded.links.filter(isEmptyLink).length < emptyLinks) padded.links.push(emptyLink());
  for (const box of padded.boxes) if (!isEmptyBox(box) && !box.contacts.some(isEmptyContact)) box.contacts.push(emptyContact());
  if (!padded.boxes.some(isEmptyBox)) padded.boxes.push(emptyBox());
  return padded;
}

export type FormOp =
  | { kind: 'save' }
  | { kind: 'preview' }
  | { kind: 'add'; what: 'author' | 'guest' | 'link' | 'box' }
  | { kind: 'add-contact'; box: number }
  | { kind: 'move'; row: number; by: -1 | 1 }
  | { kind: 'remove'; what: 'author' | 'guest' | 'link' | 'box'; row: number }
  | { kind: 'remove-contact'; box: number; row: number };

/** Which button sent the form (its name is `op`); anything unknown saves. */
export function readOp(body: EditorFields): FormOp {
  const op = clip(body.op, 40);
  if (op === 'preview') return { kind: 'preview' };
  let m = /^add-(author|guest|link|box)$/.exec(op);
  if (m) return { kind: 'add', what: m[1] as 'author' };
  m = /^add-contact-(\d{1,2})$/.exec(op);
  if (m) return { kind: 'add-contact', box: Number(m[1]) };
  m = /^(up|down)-author-(\d{1,2})$/.exec(op);
  if (m) return { kind: 'move', row: Number(m[2]), by: m[1] === 'up' ? -1 : 1 };
  m = /^remove-(author|guest|link|box)-(\d{1,2})$/.exec(op);
  if (m) return { kind: 'remove', what: m[1] as 'author', row: Number(m[2]) };
  m = /^remove-contact-(\d{1,2})-(\d{1,2})$/.exec(op);
  if (m) return { kind: 'remove-contact', box: Number(m[1]), row: Number(m[2]) };
  return { kind: 'save' };
}

/** The form after a row button; `focus` is the field to put the cursor in when it comes back. */
export function applyOp(form: PostForm, op: FormOp): { form: PostForm; focus?: string } {
  const next = structuredClone(form);
  switch (op.kind) {
    case 'add': {
      const list = { author: next.authors, guest: next.guests, link: next.links, box: next.boxes }[op.what] as unknown[];
      if (list.length >= MAX_ROWS) return { form: next };
      list.push({ author: emptyAuthor, guest: emptyGuest, link: emptyLink, box: emptyBox }[op.what]());
      const row = list.length - 1;
      return {
        form: next,
        focus: { author: `author-${row}-person`, guest: `guest-${row}-name`, link: `link-${row}-title`, box: `box-${row}-heading` }[
          op.what
        ],
      };
    }
    case 'add-contact': {
      const box = next.boxes[op.box];
      if (!box || box.contacts.length >= MAX_ROWS) return { form: next };
      box.contacts.push(emptyContact());
      return { form: next, focus: `box-${op.box}-contact-${box.contacts.length - 1}-name` };
    }
    case 'move': {
      const to = op.row + op.by;
      if (!next.authors[op.row] || !next.authors[to]) return { form: next };
      [next.authors[op.row], next.authors[to]] = [next.authors[to]!, next.authors[op.row]!];
      // The order numbers follow the rows, so the move is what the save will see.
      let n = 0;
      for (const author of next.authors) author.order = isEmptyAuthor(author) ? '' : String(++n);
      return { form: next, focus: `author-${to}-person` };
    }
    case 'remove': {
      const list = { author: next.authors, guest: next.guests, link: next.links, box: next.boxes }[op.what] as unknown[];
      if (op.row < list.length) list.splice(op.row, 1);
      return { form: padForm(next) };
    }
    case 'remove-contact': {
      next.boxes[op.box]?.contacts.splice(op.row, 1);
      return { form: padForm(next) };
    }
    default:
      return { form: next };
  }
}

/** Where each entry of the input came from in the form, to put the service's problems next to the right field. */
interface RowMap {
  authors: ({ kind: 'author'; row: number } | { kind: 'guest'; row: number })[];
  links: number[];
  boxes: { row: number; contacts: number[] }[];
}

export interface ParsedPostForm {
  input: AdminPostInput;
  /** Problems the form itself finds (a time that is no time), by field id. */
  errors: PostErrors;
  rows: RowMap;
}

const orderOf = (text: string) => (/^\s*-?\d{1,4}\s*$/.test(text) ? Number(text) : Number.POSITIVE_INFINITY);

export function splitTags(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(',')
    .map((t) => t.trim().replace(/\s+/g, ' '))
    .filter((t) => {
      const key = t.toLowerCase();
      if (!t || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** The form as the service's input; empty rows are left out. */
export function parsePostForm(form: PostForm, timeZone: string): ParsedPostForm {
  const errors: PostErrors = {};
  type Entry = { input: AdminAuthorInput; from: RowMap['authors'][number]; order: number; guest: boolean; index: number };
  const entries: Entry[] = [];
  form.authors.forEach((row, i) => {
    if (isEmptyAuthor(row)) return;
    entries.push({
      input: {
        personId: row.personId,
        bylineNote: row.note.trim(),
        jobTitle: row.jobTitle.trim(),
        organisation: row.organisation.trim(),
      },
      from: { kind: 'author', row: i },
      order: orderOf(row.order),
      guest: false,
      index: i,
    });
  });
  form.guests.forEach((row, i) => {
    if (isEmptyGuest(row)) return;
    const jobTitle = row.jobTitle.trim();
    const organisation = row.organisation.trim();
    // A guest's byline says who they are unless the note says otherwise.
    const note = row.note.trim() || [jobTitle, organisation].filter(Boolean).join(', ');
    entries.push({
      input: { guest: { name: row.name.trim(), jobTitle, organisation, email: null, guest: true }, bylineNote: note },
      from: { kind: 'guest', row: i },
      order: orderOf(row.order),
      guest: true,
      index: i,
    });
  });
  // By order number; rows without one keep their place after the numbered ones, guests last.
  entries.sort((a, b) => a.order - b.order || Number(a.guest) - Number(b.guest) || a.index - b.index);

  const links = form.links.map((l, i) => ({ l, i })).filter(({ l }) => !isEmptyLink(l));
  const boxes = form.boxes
    .map((b, i) => ({ b, i }))
    .filter(({ b }) => !isEmptyBox(b))
    .map(({ b, i }) => ({ b, i, contacts: b.contacts.map((c, j) => ({ c, j })).filter(({ c }) => !isEmptyContact(c)) }));

  let publishAt: Date | null = null;
  if (form.statusAction === 'schedule' && form.publishAt.trim()) {
    publishAt = fromLocalInput(form.publishAt, timeZone) ?? null;
    if (!publishAt) errors['post-publish-at'] = 'not_a_time';
  }

  const input: AdminPostInput = {
    blogId: form.blogId,
    title: form.title,
    slug: form.slug.trim(),
    lead: form.lead,
    body: form.body,
    tags: splitTags(form.tags),
    commentsOpen: form.commentsOpen,
    authors: entries.map((e) => e.input),
    relatedLinks: links.map(({ l }) => ({ title: l.title.trim(), url: l.url.trim(), description: l.description.trim() })),
    infoBoxes: boxes.map(({ b, contacts }) => ({
      heading: b.heading.trim(),
      body: b.body.trim(),
      contacts: contacts.map(({ c }) => ({
        personId: c.personId || null,
        name: c.name.trim(),
        role: c.role.trim(),
        phone: c.phone.trim(),
        email: c.email.trim(),
      })),
    })),
    statusAction: form.statusAction,
    publishAt,
    ...(form.version ? { expectedVersion: form.version } : {}),
  };
  return {
    input,
    errors,
    rows: {
      authors: entries.map((e) => e.from),
      links: links.map(({ i }) => i),
      boxes: boxes.map(({ i, contacts }) => ({ row: i, contacts: contacts.map(({ j }) => j) })),
    },
  };
}

const TOP_FIELDS: Record<string, string> = {
  blogId: 'post-blog',
  title: 'post-title',
  slug: 'post-slug',
  lead: 'post-lead',
  body: 'post-body',
  tags: 'post-tags',
  status: 'post-status-draft',
  publishedAt: 'post-publish-at',
  authors: 'author-0-person',
};
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The service's problems (`relatedLinks.1.url`) as the form's field ids (`link-2-url`), where the person typed them. */
export function fieldErrors(problems: Readonly<Record<string, PostProblem>>, rows: RowMap): PostErrors {
  const out: PostErrors = {};
  for (const [key, code] of Object.entries(problems)) {
    const parts = key.split('.');
    let id: string | undefined = TOP_FIELDS[key];
    if (parts[0] === 'authors' && parts.length === 3) {
      const from = rows.authors[Number(parts[1])];
      id = from && (from.kind === 'guest' ? `guest-${from.row}-${kebab(parts[2]!)}` : `author-${from.row}-person`);
    } else if (parts[0] === 'relatedLinks' && parts.length === 3) {
      const row = rows.links[Number(parts[1])];
      id = row === undefined ? undefined : `link-${row}-${parts[2]}`;
    } else if (parts[0] === 'infoBoxes') {
      const box = rows.boxes[Number(parts[1])];
      if (box && parts.length === 3) id = `box-${box.row}-${parts[2]}`;
      if (box && parts.length === 5) {
        const contact = box.contacts[Number(parts[3])];
        id = contact === undefined ? undefined : `box-${box.row}-contact-${contact}-${parts[4]}`;
      }
    }
    out[id ?? 'form'] = code;
  }
  return out;
}

/** Where a field stands in the form, so the error summary lists problems in the order the form shows them. */
export function fieldRank(id: string): number {
  const order = [
    'post-blog',
    'post-title',
    'post-slug',
    'post-lead',
    'post-body',
    'author',
    'guest',
    'post-tags',
    'link',
    'box',
    'post-comments',
    'post-status',
    'post-publish-at',
  ];
  const m = /^([a-z]+(?:-[a-z]+)?)-(\d+)(?:-contact-(\d+))?/.exec(id);
  const head = id.startsWith('post-') ? order.findIndex((o) => id.startsWith(o)) : order.indexOf(m?.[1] ?? '');
  return (head < 0 ? 99 : head) * 1_000_000 + Number(m?.[2] ?? 0) * 1000 + Number(m?.[3] ?? 0);
}
