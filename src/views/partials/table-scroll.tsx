/** A wide table on a narrow screen scrolls inside its own box, not the whole page. */
import type { ComponentChildren } from 'preact';

/**
 * The box is a named region in the tab order, so someone without a mouse or touch screen can
 * scroll it with the arrow keys, and a screen reader says what it holds.
 */
export function TableScroll({ label, labelledBy, children }: { label?: string; labelledBy?: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" tabIndex={0} aria-label={labelledBy ? undefined : label} aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}
