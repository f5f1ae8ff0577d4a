import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../settings/settings.js';
import { changedOnly, formValuesOf, parseSettingsForm, readOpened } from './settings-form.js';

describe('settings form', () => {
  it('reads back the form it wrote', () => {
    const { changes, errors } = parseSettingsForm(formValuesOf({ ...DEFAULT_SETTINGS, moderatorEmails: ['a@x.example', 'b@x.example'] }));
    assert.deepEqual(errors, {});
    // The images have a form of their own: this one leaves them alone.
    const { logo: _l, icon: _i, socialImage: _s, ...rest } = DEFAULT_SETTINGS;
    assert.deepEqual(changes, { ...rest, moderatorEmails: ['a@x.example', 'b@x.example'] });
  });

  it('reads the accent colour as typed hex, and names a colour white text fails on', () => {
    const values = formValuesOf(DEFAULT_SETTINGS);
    assert.equal(parseSettingsForm({ ...values, accentColor: ' #0B5A7A ' }).changes.accentColor, '#0b5a7a');
    assert.deepEqual(parseSettingsForm({ ...values, accentColor: '#fc0' }).errors, { accentColor: 'low_contrast' });
    assert.deepEqual(parseSettingsForm({ ...values, accentColor: 'rød' }).errors, { accentColor: 'invalid' });
    assert.equal(parseSettingsForm({ ...values, accentColor: '' }).changes.accentColor, '');
  });

  it('treats a missing checkbox as unticked', () => {
    const { questionEnabled: _q, ...rest } = formValuesOf(DEFAULT_SETTINGS);
    assert.equal(parseSettingsForm(rest).changes.questionEnabled, false);
  });

  it('names every bad field at once and keeps the typed text', () => {
    const { values, errors } = parseSettingsForm({
      ...formValuesOf(DEFAULT_SETTINGS),
      postsPerPage: '1.5',
      maxLinks: '-1',
      timeZone: 'Mars/Olympus',
      moderatorEmails: 'ikke en adresse',
    });
    assert.deepEqual(errors, { postsPerPage: 'not_a_number', maxLinks: 'invalid', timeZone: 'invalid', moderatorEmails: 'invalid' });
    assert.equal(values.postsPerPage, '1.5');
  });

  it('writes only the fields changed since the form was opened, line breaks sent as CR LF counting as the same', () => {
    const openedValues = formValuesOf({ ...DEFAULT_SETTINGS, moderatorEmails: ['a@x.example', 'b@x.example'] });
    const sent = { ...openedValues, title: 'Ny titel', moderatorEmails: 'a@x.example\r\nb@x.example' };
    const { values, changes } = parseSettingsForm(sent);
    assert.deepEqual(changedOnly(changes, values, readOpened(JSON.stringify(openedValues))), { title: 'Ny titel' });
    assert.deepEqual(changedOnly(changes, values, undefined), changes, 'without the opened values, everything');
  });

  it('reads no opened values from what is not a JSON object of strings, or too long', () => {
    assert.equal(readOpened(undefined), undefined);
    assert.equal(readOpened('{not json'), undefined);
    assert.equal(readOpened('[1,2]'), undefined);
    assert.equal(readOpened(JSON.stringify({ title: 'x'.repeat(50_000) })), undefined);
    assert.deepEqual(readOpened(JSON.stringify({ title: 'A', postsPerPage: 10 })), { title: 'A' }, 'only strings count');
  });
});
