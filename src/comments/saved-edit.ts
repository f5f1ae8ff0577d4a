/**
 * What a writer's saved edit says on the page it sends them to (Post/Redirect/Get): shown or held,
 * and why it is held, as two short query values, so that a reload or Back shows the page with its
 * notice again rather than sending the form a second time.
 */
import type { MessageKey } from '../i18n/messages.js';
import type { EditHoldReason } from './commenter.service.js';

const KINDS = ['words', 'content', 'review', 'first-time'] as const;
const LINKS = /^links-(\d{1,3})$/;

/** The query of the page a saved edit goes to: `token`, `saved` (shown or held) and `held` (the reasons, if any). */
export function savedEditQuery(token: string, shown: boolean, heldFor: readonly EditHoldReason[]): string {
  const query = new URLSearchParams({ token, saved: shown ? 'shown' : 'held' });
  const reasons = heldFor.map((reason) => (reason.kind === 'links' ? `links-${reason.max}` : reason.kind));
  if (!shown && reasons.length > 0) query.set('held', reasons.join(' '));
  return query.toString();
}

/**
 * The notice `saved` and `held` ask for; undefined for anything else. Whatever an address says,
 * only these words are read back (at most one of each kind), so it can show no text of its own.
 */
export function savedEditOf(
  saved: string | undefined,
  held: string | undefined,
): { notice: MessageKey; heldFor: EditHoldReason[] } | undefined {
  if (saved === 'shown') return { notice: 'manage.saved', heldFor: [] };
  if (saved !== 'held') return undefined;
  const heldFor = new Map<EditHoldReason['kind'], EditHoldReason>();
  for (const word of (held ?? '').slice(0, 100).split(' ')) {
    const links = LINKS.exec(word);
    if (links) heldFor.set('links', { kind: 'links', max: Number(links[1]) });
    else if ((KINDS as readonly string[]).includes(word)) heldFor.set(word as (typeof KINDS)[number], { kind: word } as EditHoldReason);
  }
  return { notice: 'manage.savedHeld', heldFor: [...heldFor.values()] };
}
