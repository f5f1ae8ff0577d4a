import type { MessageKey } from '../../../i18n/messages.js';
import { useView } from '../../context.js';
import { PageLayout } from '../../layouts/page-layout.js';

export type ErrorKind = 'notFound' | 'gone' | 'server' | 'unavailable' | 'badRequest';

export function ErrorPage({ kind }: { kind: ErrorKind }) {
  const { i18n } = useView();
  const title = i18n.t(`error.${kind}.title` as MessageKey);
  return (
    <PageLayout meta={{ title, canonical: false }}>
      <h1>{title}</h1>
      <p>{i18n.t(`error.${kind}.text` as MessageKey)}</p>
      <p>
        <a href="/">{i18n.t('error.backHome')}</a>
      </p>
    </PageLayout>
  );
}
