/**
 * The one HTML escaper for markup built outside preact views (which escape by themselves): safe in
 * text and in quoted attribute values alike, so it escapes all five of & < > " '.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
