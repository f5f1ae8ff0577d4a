import { encodeEmail, readableEmail } from '../../shared/email-obfuscation.js';
import { useView } from '../context.js';

/**
 * The only way an e-mail address reaches a public page: encoded in a data attribute, shown
 * readable ("ida (snabel-a) example.dk"); public/ytring.js makes it a mailto: link.
 */
export function Email({ address }: { address: string }) {
  const { i18n } = useView();
  return <span class="email" data-e={encodeEmail(address)}>{readableEmail(address, i18n.t('email.at'))}</span>;
}
