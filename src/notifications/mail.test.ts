import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../errors.js';
import { isPlainAddress, MAX_ATTEMPTS, NEVER, nextAttemptAfter, validateMail, withoutAddress, type MailMessage } from './mail.js';

const message = (overrides: Partial<MailMessage> = {}): MailMessage => ({
  to: 'ida@example.org',
  subject: 'Nyt svar på din kommentar',
  text: 'Bo Lund har svaret.\n\nLæs svaret her.',
  headers: { 'List-Unsubscribe': '<https://ytring.example/unsubscribe/abc>' },
  ...overrides,
});

function problemsOf(fn: () => unknown): Record<string, string> | undefined {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'invalid');
    return error.details.fields;
  }
  assert.fail('expected AppError invalid');
}

describe('isPlainAddress', () => {
  it('accepts bare addresses, subaddresses and international domains', () => {
    for (const address of ['ida@example.org', 'ida.holm+debat@mail.example.co.uk', "o'brien@example.ie", 'kim@blåbær.dk', 'a@b.xn--p1ai']) {
      assert.equal(isPlainAddress(address), true, address);
    }
  });

  it('refuses display names, lists, groups, comments, quoting and stray whitespace', () => {
    for (const address of [
      'Ida <ida@example.org>',
      '<ida@example.org>',
      'ida@example.org, bo@example.org',
      'ida@example.org;bo@example.org',
      'team: ida@example.org;',
      'ida@example.org (Ida)',
      '"ida holm"@example.org',
      'ida @example.org',
      'ida@example.org\r\nBcc: x@evil.example',
      'ida@example.org\n',
      'ida',
      '@example.org',
      'ida@',
      'ida@localhost',
      'ida..holm@example.org',
      '.ida@example.org',
      'ida@example..org',
      'ida@@example.org',
      'ida@[127.0.0.1]',
      `${'a'.repeat(65)}@example.org`,
      `ida@${'a'.repeat(250)}.org`,
    ]) {
      assert.equal(isPlainAddress(address), false, JSON.stringify(address));
    }
  });
});

describe('validateMail', () => {
  it('returns the message with to and subject trimmed', () => {
    const mail = validateMail(message({ to: ' ida@example.org ', subject: '  Nyt svar  ' }));
    assert.equal(mail.to, 'ida@example.org');
    assert.equal(mail.subject, 'Nyt svar');
    assert.deepEqual(mail.headers, { 'List-Unsubscribe': '<https://ytring.example/unsubscribe/abc>' });
  });

  it('refuses a to that is not a single plain address', () => {
    assert.deepEqual(
      problemsOf(() => validateMail(message({ to: 'Ida <ida@example.org>' }))),
      { to: 'not_a_plain_address' },
    );
    assert.deepEqual(
      problemsOf(() => validateMail(message({ to: 'ida@example.org,bo@example.org' }))),
      { to: 'not_a_plain_address' },
    );
    assert.deepEqual(
      problemsOf(() => validateMail(message({ to: '' }))),
      { to: 'required' },
    );
  });

  it('refuses CR, LF and every other control character in the subject', () => {
    for (const subject of [
      'Hej\r\nBcc: x@evil.example',
      'Hej\nBcc: x@evil.example',
      'Hej\rX',
      'Hej\tdu',
      'Hej\0',
      'Hej\u007f',
      'Hej\u0085du',
      'Hej\u2028du',
      'Hej\n',
    ]) {
      assert.deepEqual(
        problemsOf(() => validateMail(message({ subject }))),
        { subject: 'control_character' },
        JSON.stringify(subject),
      );
    }
  });

  it('refuses an empty subject and one longer than 200 characters', () => {
    assert.deepEqual(
      problemsOf(() => validateMail(message({ subject: '   ' }))),
      { subject: 'required' },
    );
    assert.deepEqual(
      problemsOf(() => validateMail(message({ subject: 'æ'.repeat(201) }))),
      { subject: 'too_long' },
    );
    assert.equal(validateMail(message({ subject: 'æ'.repeat(200) })).subject.length, 200);
  });

  it('refuses control characters in header names and values', () => {
    assert.deepEqual(
      problemsOf(() => validateMail(message({ headers: { 'X-Ytring': 'a\r\nBcc: x@evil.example' } }))),
      { headers: 'control_character' },
    );
    assert.deepEqual(
      problemsOf(() => validateMail(message({ headers: { 'X-Ytring\r\nBcc': 'x@evil.example' } }))),
      { headers: 'bad_name' },
    );
    assert.deepEqual(
      problemsOf(() => validateMail(message({ headers: { 'X-Ytring: a': 'b' } }))),
      { headers: 'bad_name' },
    );
    assert.deepEqual(
      problemsOf(() => validateMail(message({ headers: { 'X-Ytring': 'a\u0000' } }))),
      { headers: 'control_character' },
    );
  });

  it('refuses headers that would add recipients or replace what the composer writes', () => {
    for (const name of ['Bcc', 'cc', 'To', 'From', 'Reply-To', 'Subject', 'Content-Type', 'Message-ID']) {
      assert.deepEqual(
        problemsOf(() => validateMail(message({ headers: { [name]: 'x@evil.example' } }))),
        { headers: 'reserved' },
        name,
      );
    }
  });

  it('refuses a header given twice in different case', () => {
    assert.deepEqual(
      problemsOf(() => validateMail(message({ headers: { 'List-Unsubscribe': '<a>', 'list-unsubscribe': '<b>' } }))),
      { headers: 'duplicate' },
    );
  });

  it('refuses an empty text and reports every problem at once', () => {
    assert.deepEqual(
      problemsOf(() => validateMail({ to: 'nobody', subject: '', text: '' })),
      { to: 'not_a_plain_address', subject: 'required', text: 'required' },
    );
  });
});

describe('nextAttemptAfter', () => {
  const now = new Date('2026-12-01T12:00:00.000Z');
  const minutesLater = (attempts: number) => (nextAttemptAfter(attempts, now).getTime() - now.getTime()) / 60_000;

  it('backs off 1 min, 5 min, 30 min, 2 h, then 12 h', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(minutesLater), [1, 5, 30, 120, 720, 720, 720]);
  });

  it('stops retrying after the eighth failure', () => {
    assert.equal(MAX_ATTEMPTS, 8);
    assert.equal(nextAttemptAfter(8, now).getTime(), NEVER.getTime());
    assert.equal(NEVER.toISOString().slice(0, 4), '9999');
  });
});

describe('withoutAddress', () => {
  it('replaces the address in any case', () => {
    assert.equal(
      withoutAddress('550 <Ida@Example.org>: no such user ida@example.org', 'ida@example.org'),
      '550 <[recipient]>: no such user [recipient]',
    );
  });
});
