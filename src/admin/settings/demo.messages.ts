import type { SectionMessages } from '../admin-i18n.js';

const da = {
  'demo.heading': 'Demoindhold',
  'demo.back': 'Indstillinger',
  'demo.link': 'Fjern demoindholdet',
  'demo.title': 'Fjern demoindholdet',
  'demo.intro':
    'Sitet blev startet med demoindhold. Det fjernes her i ét hug, med de billeder demoen tegnede, så sitet kan gå i luften. Indhold, I selv har lavet, bliver, også i en demoblog eller med en demoperson som forfatter.',
  'demo.counts': 'Dette fjernes: {posts} indlæg, {comments} kommentarer, {blogs} blogs og {people} personer.',
  'demo.none': 'Der er intet demoindhold tilbage.',
  'demo.confirm': 'Ja, fjern demoindholdet',
  'demo.removed': 'Demoindholdet er fjernet.',
};

export const demoMessages: SectionMessages<typeof da> = {
  da,
  en: {
    'demo.heading': 'Demo content',
    'demo.back': 'Settings',
    'demo.link': 'Remove the demo content',
    'demo.title': 'Remove the demo content',
    'demo.intro':
      'The site was started with demo content. It is removed here in one go, with the images the demo drew, so the site can go live. Content you made yourselves stays, also in a demo blog or with a demo person as author.',
    'demo.counts': 'This is removed: {posts} posts, {comments} comments, {blogs} blogs and {people} people.',
    'demo.none': 'There is no demo content left.',
    'demo.confirm': 'Yes, remove the demo content',
    'demo.removed': 'The demo content is removed.',
  },
};
