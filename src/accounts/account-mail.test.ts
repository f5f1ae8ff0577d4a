import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateMail } from '../notifications/mail.js';
import { invitationMail, resetMail } from './account-mail.js';

describe('account mails', () => {
  it('keeps the subject on one line even when the site title has a line break', () => {
    const mail = resetMail({
      language: 'da',
      siteTitle: 'Debat\r\nBcc: alle@example.org',
      to: 'ida@site.example',
      name: 'Ida',
      link: 'https://site.example/admin/reset/abc',
    });
    assert.equal(mail.subject, 'Ny adgangskode til Debat Bcc: alle@example.org');
    assert.doesNotThrow(() => validateMail(mail));
  });

  it("writes the invitation in the site's language with the link and the login address", () => {
    const mail = invitationMail({
      language: 'en',
      siteTitle: 'Debate',
      to: 'ida@site.example',
      name: 'Ida',
      inviter: 'Ada',
      role: 'editor',
      link: 'https://site.example/admin/invite/abc',
      loginUrl: 'https://site.example/admin/login',
    });
    assert.equal(mail.subject, 'You are invited to Debate');
    assert.match(mail.text, /account as editor on Debate/);
    assert.match(mail.text, /https:\/\/site\.example\/admin\/invite\/abc/);
  });
});
