import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../../accounts/account.js';
import { applyOp, fieldErrors, fieldRank, newPostForm, padForm, parsePostForm, readOp, readPostForm, splitTags } from './post-form.js';

const actor: Actor = { accountId: 'acc', personId: 'me', name: 'Mig', role: 'author', blogScope: null };

const body = {
  blogId: 'blog-1',
  title: 'Titel',
  slug: '',
  lead: 'Indledning',
  body: 'Tekst',
  tags: 'Skole, skole , Klima,,',
  commentsOpen: '1',
  status_action: 'schedule',
  publish_at: '2026-05-01T09:30',
  author_person: ['me', '', 'p2'],
  author_note: ['', '', 'gæst i dag'],
  author_order: ['2', '', '1'],
  author_job_title: ['', '', 'Afdelingschef'],
  author_organisation: ['', '', ''],
  guest_name: ['Gitte Gæst', ''],
  guest_job_title: ['direktør', ''],
  guest_organisation: ['Fonden', ''],
  guest_note: ['', ''],
  guest_order: ['', ''],
  link_title: ['', 'Rapport', 'Kilde'],
  link_url: ['', 'https://example.org/r', '/andet'],
  link_description: ['', '', 'Et sted'],
  box_heading: ['Fakta', ''],
  box_body: ['Om sagen', ''],
  contact_box: ['0', '0', '0', '1', '1'],
  contact_person: ['', '', '', '', ''],
  contact_name: ['Kim', '', 'Lis', '', ''],
  contact_role: ['presse', '', '', '', ''],
  contact_phone: ['1234', '', '', '', ''],
  contact_email: ['kim@x.example', '', 'lis@x.example', '', ''],
};

describe('the post form', () => {
  it('reads parallel fields back into rows, contacts under their box', () => {
    const form = readPostForm(body);
    assert.equal(form.authors.length, 3);
    assert.deepEqual(form.authors[2], { personId: 'p2', note: 'gæst i dag', order: '1', jobTitle: 'Afdelingschef', organisation: '' });
    assert.equal(form.boxes.length, 2);
    assert.deepEqual(
      form.boxes[0]!.contacts.map((c) => c.name),
      ['Kim', '', 'Lis'],
    );
    assert.equal(form.boxes[1]!.contacts.length, 2);
    assert.equal(form.commentsOpen, true);
    assert.equal(form.statusAction, 'schedule');
  });

  it('reads a single row, where each field is a list of one (as the schema gives it) and empty ones are missing', () => {
    const form = readPostForm({ author_person: ['me'], author_order: ['1'], link_title: ['Kun titel'] });
    assert.deepEqual(form.authors, [{ personId: 'me', note: '', order: '1', jobTitle: '', organisation: '' }]);
    assert.deepEqual(form.links, [{ title: 'Kun titel', url: '', description: '' }]);
    assert.equal(form.statusAction, 'draft');
  });

  it('leaves empty rows out, orders authors by number, and puts guests after numbered authors', () => {
    const { input } = parsePostForm(readPostForm(body), 'Europe/Copenhagen');
    assert.deepEqual(input.authors, [
      { personId: 'p2', bylineNote: 'gæst i dag', jobTitle: 'Afdelingschef', organisation: '' },
      { personId: 'me', bylineNote: '', jobTitle: '', organisation: '' },
      // A person added by name in the editor is a guest expert: their byline says so.
      {
        guest: { name: 'Gitte Gæst', jobTitle: 'direktør', organisation: 'Fonden', email: null, guest: true },
        bylineNote: 'direktør, Fonden',
      },
    ]);
    assert.deepEqual(input.relatedLinks, [
      { title: 'Rapport', url: 'https://example.org/r', description: '' },
      { title: 'Kilde', url: '/andet', description: 'Et sted' },
    ]);
    assert.equal(input.infoBoxes!.length, 1);
    assert.deepEqual(
      input.infoBoxes![0]!.contacts.map((c) => c.name),
      ['Kim', 'Lis'],
    );
    assert.deepEqual(input.tags, ['Skole', 'Klima']);
  });

  it('reads the schedule time in the site’s time zone, and flags one that is no time', () => {
    assert.equal(parsePostForm(readPostForm(body), 'Europe/Copenhagen').input.publishAt?.toISOString(), '2026-05-01T07:30:00.000Z');
    const bad = parsePostForm(readPostForm({ ...body, publish_at: 'på fredag' }), 'Europe/Copenhagen');
    assert.equal(bad.errors['post-publish-at'], 'not_a_time');
  });

  it('puts the service’s problems next to the rows the person typed them in', () => {
    const { rows } = parsePostForm(readPostForm(body), 'UTC');
    const errors = fieldErrors(
      {
        title: 'required',
        'relatedLinks.0.url': 'not_a_url',
        'infoBoxes.0.contacts.1.email': 'not_an_email',
        'authors.2.name': 'required',
        authors: 'duplicate',
        slug: 'conflict',
      },
      rows,
    );
    assert.deepEqual(errors, {
      'post-title': 'required',
      'link-1-url': 'not_a_url',
      'box-0-contact-2-email': 'not_an_email',
      'guest-0-name': 'required',
      'author-0-person': 'duplicate',
      'post-slug': 'conflict',
    });
  });

  it('lists problems in the order the form shows the fields', () => {
    const ids = [
      'post-status-draft',
      'box-0-contact-1-name',
      'link-2-url',
      'post-title',
      'author-1-person',
      'box-0-heading',
      'guest-0-name',
    ];
    assert.deepEqual(
      ids.sort((a, b) => fieldRank(a) - fieldRank(b)),
      ['post-title', 'author-1-person', 'guest-0-name', 'link-2-url', 'box-0-heading', 'box-0-contact-1-name', 'post-status-draft'],
    );
  });

  it('knows which button sent the form', () => {
    assert.deepEqual(readOp({ op: 'add-link' }), { kind: 'add', what: 'link' });
    assert.deepEqual(readOp({ op: 'add-contact-2' }), { kind: 'add-contact', box: 2 });
    assert.deepEqual(readOp({ op: 'up-author-1' }), { kind: 'move', row: 1, by: -1 });
    assert.deepEqual(readOp({ op: 'remove-contact-0-3' }), { kind: 'remove-contact', box: 0, row: 3 });
    assert.deepEqual(readOp({ op: 'preview' }), { kind: 'preview' });
    assert.deepEqual(readOp({ op: 'drop table' }), { kind: 'save' });
    assert.deepEqual(readOp({}), { kind: 'save' });
  });

  it('adds a row and says where the cursor goes, keeping what was typed', () => {
    const form = readPostForm(body);
    const { form: next, focus } = applyOp(form, { kind: 'add', what: 'link' });
    assert.equal(next.links.length, 4);
    assert.equal(focus, 'link-3-title');
    assert.equal(next.title, 'Titel');
    assert.equal(next.links[1]!.url, 'https://example.org/r');
  });

  it('moves an author up and renumbers, so the save sees the new order', () => {
    const form = readPostForm({ author_person: ['a', 'b', 'c'], author_order: ['1', '2', '3'] });
    const { form: next } = applyOp(form, { kind: 'move', row: 2, by: -1 });
    assert.deepEqual(
      next.authors.map((a) => `${a.personId}${a.order}`),
      ['a1', 'c2', 'b3'],
    );
    const { input } = parsePostForm(next, 'UTC');
    assert.deepEqual(
      input.authors.map((a) => a.personId),
      ['a', 'c', 'b'],
    );
  });

  it('removes a contact from its box only', () => {
    const { form } = applyOp(readPostForm(body), { kind: 'remove-contact', box: 0, row: 0 });
    assert.equal(form.boxes[0]!.contacts[0]!.name, '');
    assert.equal(form.boxes[0]!.contacts[1]!.name, 'Lis');
  });

  it('starts a new post with the writer as author and rows to fill in', () => {
    const form = newPostForm(actor, 'blog-1');
    assert.equal(form.authors[0]!.personId, 'me');
    assert.equal(form.authors.length, 2);
    assert.equal(form.guests.length, 1);
    assert.equal(form.links.length, 2);
    assert.equal(form.boxes.length, 1);
    assert.equal(form.boxes[0]!.contacts.length, 2);
    assert.deepEqual(padForm(form), form, 'padding a padded form adds nothing');
  });

  it('splits tags on commas, once each whatever the case', () => {
    assert.deepEqual(splitTags(' Skole ,skole, Grøn  omstilling ,'), ['Skole', 'Grøn omstilling']);
  });
});
