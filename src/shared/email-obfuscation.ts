/**
 * E-mail addresses never reach public HTML in harvestable form. The page carries the address
 * reversed and base64-encoded in a data attribute, plus a readable form for people without
 * JavaScript ("ida (snabel-a) example.dk"); public/ytring.js turns it back into a mailto: link.
 */
export function encodeEmail(address: string): string {
  return Buffer.from([...address].reverse().join(''), 'utf8').toString('base64');
}

export function decodeEmail(encoded: string): string {
  return [...Buffer.from(encoded, 'base64').toString('utf8')].reverse().join('');
}

export function readableEmail(address: string, atWord: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  return `${address.slice(0, at)} (${atWord}) ${address.slice(at + 1)}`;
}

/** Matches what a harvester would take for an address; used to scrub stray ones from text. */
export const EMAIL_PATTERN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
