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
      {/* A reader who followed an old or mistyped link can look for the post from here. */}
      {(kind === 'notFound' || kind === 'gone') && (
        <form class="search-form" role="search" autocomplete="off" method="get" action="/search" aria-label={i18n.t('error.searchLabel')}>
          <p class="search-form__query">
            <label for="error-search-q">{i18n.t('search.query')}</label>
            <input id="error-search-q" name="q" type="search" maxLength={200} autocomplete="off" />
            <button type="submit">{i18n.t('search.submit')}</button>
          </p>
        </form>
      )}
      <p>
        <a href="/">{i18n.t('error.backHome')}</a>
      </p>
    </PageLayout>
  );
}
