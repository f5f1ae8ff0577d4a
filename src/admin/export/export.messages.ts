import type { SectionMessages } from '../admin-i18n.js';

const da = {
  'export.title': 'Eksport',
  'export.intro': 'Hent hele sitet som én fil. Filen dannes, mens den hentes.',
  'export.ytring': 'Hent fuld Ytring-eksport (NDJSON)',
  'export.ytringHint':
    'Alt: indstillinger, personer, konti, blogs, indlæg, kommentarer med e-mailadresser, omdirigeringer og log. Kan læses ind igen med ytring import ytring. Filen indeholder private oplysninger: opbevar den som databasen.',
  'export.wxr': 'Hent som WordPress-eksport (WXR)',
  'export.wxrHint': 'Indlæg, personer, tags, blogs (som kategorier) og kommentarer i et format, WordPress kan importere.',
} as const;

export const exportMessages: SectionMessages<typeof da> = {
  da,
  en: {
    'export.title': 'Export',
    'export.intro': 'Download the whole site as one file. The file is made as it downloads.',
    'export.ytring': 'Download full Ytring export (NDJSON)',
    'export.ytringHint':
      'Everything: settings, people, accounts, blogs, posts, comments with e-mail addresses, redirects and the audit log. ytring import ytring reads it back. The file holds private data: keep it like the database.',
    'export.wxr': 'Download as a WordPress export (WXR)',
    'export.wxrHint': 'Posts, people, tags, blogs (as categories) and comments in a format WordPress imports.',
  },
};
