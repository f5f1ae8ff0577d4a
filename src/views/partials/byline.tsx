import { Fragment } from 'preact';
import type { PostAuthor } from '../../posts/post.js';
import { useView } from '../context.js';
import { useHideEmails } from './email.js';

/** "Af Ida Holm & Bo Lund, afdelingschef i Ministeriet": names link to author pages, notes follow their name. */
export function Byline({ authors }: { authors: PostAuthor[] }) {
  const { i18n } = useView();
  const hide = useHideEmails();
  return (
    <span class="byline">
      {i18n.t('post.by')}{' '}
      {authors.map((author, i) => (
        <Fragment key={author.person.id}>
          {i > 0 && (i === authors.length - 1 ? ` ${i18n.t('post.and')} ` : ', ')}
          <a href={`/authors/${author.person.slug}`} rel="author">
            {hide(author.person.name)}
          </a>
          {author.bylineNote && `, ${hide(author.bylineNote)}`}
        </Fragment>
      ))}
    </span>
  );
}
