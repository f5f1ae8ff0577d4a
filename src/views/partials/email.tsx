import { encodeEmail, hideEmails, readableEmail } from '../../shared/email-obfuscation.js';
import { useView } from '../context.js';

/**
 * The only way an e-mail address reaches a public page: encoded in a data attribute, shown
 * readable ("ida (snabel-a) example.dk"); public/ytring.js makes it a mailto: link.
 */
export function Email({ address }: { address: string }) {
  const { i18n } = useView();
  return (
    <span class="email" data-e={encodeEmail(address)}>
      {readableEmail(address, i18n.t('email.at'))}
    </span>
  );
}

/**
 * For text people type (names, titles, leads, bios, notes) on its way into a public page, its
 * <title> or an attribute: any e-mail address in it comes out in the readable form, so a person
 * who writes one into a field meant for something else does not hand it to harvesters.
 */
export function useHideEmails(): (text: string) => string {
  const { i18n } = useView();
  const atWord = i18n.t('email.at');
  return (text) => hideEmails(text, atWord);
}
