import type { PublicPerson } from '../../people/person.js';
import { useView } from '../context.js';
import { Avatar } from './avatar.js';
import { useHideEmails } from './email.js';

/** The blog owner's box: picture or initials, name, job title and the blog's description in their words. */
export function ProfileBox({ person, description, headingLevel = 2 }: { person: PublicPerson; description: string; headingLevel?: 2 | 3 }) {
  const { i18n } = useView();
  const hide = useHideEmails();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <aside class="profile" aria-label={i18n.t('blog.about')}>
      <Avatar person={person} />
      <div>
        <Heading class="profile__name">
          <a href={`/authors/${person.slug}`}>{hide(person.name)}</a>
        </Heading>
        {person.jobTitle && <p class="profile__title">{hide(person.jobTitle)}</p>}
        {description
          .split(/\n{2,}/)
          .filter(Boolean)
          .map((paragraph, i) => (
            <p key={i}>{hide(paragraph)}</p>
          ))}
      </div>
    </aside>
  );
}
