import { Fragment } from 'preact';
import type { PublicPerson } from '../../people/person.js';
import { bylineTitle, type PostAuthor } from '../../posts/post.js';
import { useView } from '../context.js';
import { Avatar } from './avatar.js';
import { useHideEmails } from './email.js';

/** One name in a byline: the person's page, whether they are a guest expert, and what follows the name. */
export interface BylineEntry {
  slug: string;
  name: string;
  title: string;
  guest: boolean;
  /** For the photo or initials beside the name, where the byline shows them. */
  person?: PublicPerson;
}

export const bylineEntry = (author: PostAuthor): BylineEntry => ({
  slug: author.person.slug,
  name: author.person.name,
  title: bylineTitle(author.bylineNote, author.person),
  guest: author.person.guest,
  person: author.person,
});

/**
 * "Af Ida Holm & Bo Lund (gæsteskribent), afdelingschef i Ministeriet": names link to author pages,
 * guests are marked, titles follow the name. With `photos`, each name has its photo or initials.
 */
export function Byline({ authors, photos = false }: { authors: (PostAuthor | BylineEntry)[]; photos?: boolean }) {
  const { i18n } = useView();
  const hide = useHideEmails();
  const entries = authors.map((a) => ('person' in a && 'bylineNote' in a ? bylineEntry(a) : (a as BylineEntry)));
  return (
    <span class={photos ? 'byline byline--photos' : 'byline'}>
      {i18n.t('post.by')}{' '}
      {entries.map((entry, i) => (
        <Fragment key={entry.slug}>
          {i > 0 && (i === entries.length - 1 ? ` ${i18n.t('post.and')} ` : ', ')}
          <span class="byline__author">
            {photos && entry.person && <Avatar person={entry.person} size="small" />}
            <a href={`/authors/${entry.slug}`} rel="author">
              {hide(entry.name)}
            </a>
            {entry.guest && <span class="byline__guest"> ({i18n.t('post.guestExpert')})</span>}
            {entry.title && `, ${hide(entry.title)}`}
          </span>
        </Fragment>
      ))}
    </span>
  );
}
