import type { SectionMessages } from '../admin-i18n.js';

const da = {
  'modmail.title': 'Mails om ventende kommentarer',
  'modmail.back': 'Kommentarer',
  'modmail.legend': 'Hvordan vil du høre om kommentarer, der venter på moderation?',
  'modmail.each': 'En mail for hver kommentar',
  'modmail.hourly': 'En samlet mail hver time',
  'modmail.daily': 'En samlet mail hver dag',
  'modmail.none': 'Ingen mails',
  'modmail.hint': 'Kun kommentarer i de blogs, du modererer. Der kommer ingen samlet mail, når intet venter.',
  'modmail.save': 'Gem',
  'modmail.saved': 'Dit valg er gemt.',
};

export const moderationMailMessages: SectionMessages<typeof da> = {
  da,
  en: {
    'modmail.title': 'Mail about waiting comments',
    'modmail.back': 'Comments',
    'modmail.legend': 'How do you want to hear of comments waiting for moderation?',
    'modmail.each': 'A mail for each comment',
    'modmail.hourly': 'One digest every hour',
    'modmail.daily': 'One digest every day',
    'modmail.none': 'No mail',
    'modmail.hint': 'Only comments in the blogs you moderate. No digest comes when nothing waits.',
    'modmail.save': 'Save',
    'modmail.saved': 'Your choice is saved.',
  },
};
