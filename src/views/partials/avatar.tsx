import type { PublicPerson } from '../../people/person.js';

function colourIndex(text: string): number {
  let hash = 0;
  for (const ch of text) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return hash % 8;
}

/** The person's picture, or their initials on a colour picked from their name (decorative: the name is always beside it). */
export function Avatar({ person, size = 'medium' }: { person: PublicPerson; size?: 'small' | 'medium' }) {
  if (person.avatarPath) {
    return (
      <img
        class={`avatar avatar--${size}`}
        src={person.avatarPath}
        alt=""
        width={size === 'small' ? 40 : 72}
        height={size === 'small' ? 40 : 72}
      />
    );
  }
  return (
    <span class={`avatar avatar--${size} avatar--c${colourIndex(person.name)}`} aria-hidden="true">
      {person.initials}
    </span>
  );
}
