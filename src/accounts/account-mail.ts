/** The e-mails that carry invitation and password-reset links, in the site's language. */
import type { Language } from '../i18n/i18n.js';
import type { MailMessage } from '../notifications/mail.js';
import type { Role } from './account.js';

const ROLE_NAMES: Record<Language, Record<Role, string>> = {
  da: { admin: 'administrator', editor: 'redaktør', author: 'skribent', moderator: 'moderator' },
  en: { admin: 'administrator', editor: 'editor', author: 'author', moderator: 'moderator' },
};

/** A subject is one line: a site title with a line break in it must not add headers. */
export const oneLine = (text: string): string =>
  text
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export interface InvitationMailInput {
  language: Language;
  siteTitle: string;
  to: string;
  name: string;
  inviter: string;
  role: Role;
  link: string;
  loginUrl: string;
}

export function invitationMail(m: InvitationMailInput): MailMessage {
  const site = oneLine(m.siteTitle);
  const role = ROLE_NAMES[m.language][m.role];
  if (m.language === 'en') {
    return {
      to: m.to,
      subject: `You are invited to ${site}`,
      text:
        `Hello ${m.name}\n\n${m.inviter} has given you an account as ${role} on ${site}.\n\n` +
        `Choose your password here. The link works once and expires in 7 days:\n${m.link}\n\n` +
        `After that you log in at ${m.loginUrl} with the e-mail address ${m.to}.\n\n` +
        'If you did not expect this mail, you can ignore it.\n',
    };
  }
  return {
    to: m.to,
    subject: `Du er inviteret til ${site}`,
    text:
      `Hej ${m.name}\n\n${m.inviter} har givet dig en konto som ${role} på ${site}.\n\n` +
      `Vælg din adgangskode her. Linket virker én gang og udløber om 7 dage:\n${m.link}\n\n` +
      `Derefter logger du ind på ${m.loginUrl} med e-mailadressen ${m.to}.\n\n` +
      'Hvis du ikke ventede denne mail, kan du se bort fra den.\n',
  };
}

export interface ResetMailInput {
  language: Language;
  siteTitle: string;
  to: string;
  name: string;
  link: string;
}

export function resetMail(m: ResetMailInput): MailMessage {
  const site = oneLine(m.siteTitle);
  if (m.language === 'en') {
    return {
      to: m.to,
      subject: `New password for ${site}`,
      text:
        `Hello ${m.name}\n\nSomeone, hopefully you, asked for a new password for your account on ${site}.\n\n` +
        `Choose a new password here. The link works once and expires in one hour:\n${m.link}\n\n` +
        'If you did not ask for this, ignore this mail: your password is unchanged.\n',
    };
  }
  return {
    to: m.to,
    subject: `Ny adgangskode til ${site}`,
    text:
      `Hej ${m.name}\n\nNogen, forhåbentlig dig, har bedt om en ny adgangskode til din konto på ${site}.\n\n` +
      `Vælg en ny adgangskode her. Linket virker én gang og udløber om en time:\n${m.link}\n\n` +
      'Har du ikke bedt om det, kan du se bort fra denne mail: din adgangskode er uændret.\n',
  };
}
