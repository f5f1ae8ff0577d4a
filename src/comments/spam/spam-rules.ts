/** Content rules of the spam defence: each returns its reasons in words, and decide() weighs them. */
import type { CommentPolicy, SiteSettings } from '../../settings/settings.js';
import type { CommentStatus, SpamReason } from '../comment.js';

export interface Blocklist {
  words: string[];
  emails: string[];
  domains: string[];
  ipHashes: string[];
}

export interface ScoredInput {
  name: string;
  email: string;
  body: string;
  linkCount: number;
  ipHash: string | null;
}

export function scoreComment(
  input: ScoredInput,
  blocklist: Blocklist,
  settings: Pick<SiteSettings, 'maxLinks' | 'holdScore' | 'spamScore'>,
): SpamReason[] {
  const reasons: SpamReason[] = [];
  const email = input.email.trim().toLowerCase();
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (blocklist.emails.includes(email)) reasons.push({ layer: 'blocklist', rule: 'email', score: settings.spamScore });
  const blockedDomain = blocklist.domains.find((d) => domain === d || domain.endsWith(`.${d}`));
  if (blockedDomain) reasons.push({ layer: 'blocklist', rule: `domain:${blockedDomain}`, score: settings.spamScore });
  if (input.ipHash && blocklist.ipHashes.includes(input.ipHash))
    reasons.push({ layer: 'blocklist', rule: 'ip', score: settings.spamScore });
  const text = `${input.name}\n${input.body}`.toLowerCase();
  for (const word of blocklist.words) {
    if (word && text.includes(word.toLowerCase()))
      reasons.push({ layer: 'blocklist', rule: `word:${word}`, score: settings.holdScore + 2 });
  }
  if (input.linkCount > settings.maxLinks)
    reasons.push({ layer: 'links', rule: `more-than-${settings.maxLinks}`, score: settings.holdScore });
  if (/https?:\/\/|www\./i.test(input.name)) reasons.push({ layer: 'content', rule: 'link-in-name', score: settings.holdScore });
  const words = input.body.trim().split(/\s+/).length;
  if (input.linkCount > 0 && words <= input.linkCount * 3) reasons.push({ layer: 'content', rule: 'mostly-links', score: 2 });
  if (input.body.length > 40 && input.body === input.body.toUpperCase() && /[A-ZÆØÅ]/.test(input.body)) {
    reasons.push({ layer: 'content', rule: 'all-capitals', score: 1 });
  }
  return reasons;
}

/** Publish, hold or mark as spam: the score first, then the moderation policy. */
export function decide(
  reasons: SpamReason[],
  settings: Pick<SiteSettings, 'holdScore' | 'spamScore'> & { commentPolicy: CommentPolicy },
  trusted: boolean,
): { status: CommentStatus; score: number; reasons: SpamReason[] } {
  const score = reasons.reduce((sum, r) => sum + r.score, 0);
  if (score >= settings.spamScore) return { status: 'spam', score, reasons };
  if (score >= settings.holdScore) return { status: 'pending', score, reasons };
  if (settings.commentPolicy === 'all')
    return { status: 'pending', score, reasons: [...reasons, { layer: 'policy', rule: 'hold-all', score: 0 }] };
  if (settings.commentPolicy === 'first-time' && !trusted) {
    return { status: 'pending', score, reasons: [...reasons, { layer: 'policy', rule: 'first-time-commenter', score: 0 }] };
  }
  return { status: 'approved', score, reasons };
}
