/** The spam defence's reasons (layer, rule, score) in words a moderator reads. */
import type { SpamReason } from '../../comments/comment.js';
import type { SectionText } from '../admin-i18n.js';
import type { commentsMessages } from './comments.messages.js';

type Text = SectionText<typeof commentsMessages.da>;

const FIXED = new Set([
  'blocklist.email',
  'blocklist.ip',
  'content.link-in-name',
  'content.mostly-links',
  'content.all-capitals',
  'policy.first-time-commenter',
  'policy.hold-all',
  'moderator.marked-spam',
  'moderator.blocked-email',
  'moderator.blocked-domain',
  'moderator.blocked-ip',
  'moderator.was-public',
]);

export function describeReason(t: Text, reason: SpamReason): string {
  const key = `${reason.layer}.${reason.rule}`;
  if (FIXED.has(key)) return t(`reason.${key}` as Parameters<Text>[0]);
  if (reason.layer === 'blocklist' && reason.rule.startsWith('domain:'))
    return t('reason.blocklist.domain', { value: reason.rule.slice(7) });
  if (reason.layer === 'blocklist' && reason.rule.startsWith('word:')) return t('reason.blocklist.word', { value: reason.rule.slice(5) });
  const links = /^more-than-(\d+)$/.exec(reason.rule);
  if (reason.layer === 'links' && links) return t('reason.links', { value: links[1]! });
  return t('reason.other', { layer: reason.layer, rule: reason.rule });
}
