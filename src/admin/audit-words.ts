/**
 * The audit log's action codes (`post.move`) and subject types (`post`) as the words an
 * administrator reads ("Flyttede indlæg", "Indlæg"). The CSV export keeps the codes.
 */

const da: Record<string, string> = {
  setup: 'Satte sitet op',
  'account.create': 'Oprettede konto',
  'account.invite': 'Inviterede bruger',
  'account.invite-accept': 'Tog imod invitation',
  'account.reset': 'Nulstillede adgangskode',
  'account.reset-request': 'Bad om ny adgangskode',
  'account.update': 'Ændrede konto',
  'blocklist.add': 'Føjede til blokeringsliste',
  'blocklist.remove': 'Fjernede fra blokeringsliste',
  'blog.create': 'Oprettede blog',
  'blog.delete': 'Slettede blog',
  'blog.update': 'Ændrede blog',
  'comment.approve': 'Godkendte kommentar',
  'comment.spam': 'Markerede kommentar som spam',
  'comment.trash': 'Kasserede kommentar',
  'comment.restore': 'Gendannede kommentar',
  'comment.delete': 'Slettede kommentar',
  'comment.edit': 'Rettede kommentar',
  'comment.reply': 'Svarede på kommentar',
  'comment.undo': 'Fortrød moderering',
  'demo.remove': 'Fjernede demoindholdet',
  'follower.export': 'Eksporterede følgere',
  'follower.import': 'Importerede følgere',
  'follower.remove': 'Fjernede følger',
  'person.create': 'Oprettede person',
  'person.delete': 'Slettede person',
  'person.merge': 'Slog personer sammen',
  'person.update': 'Ændrede person',
  'post.create': 'Oprettede indlæg',
  'post.update': 'Ændrede indlæg',
  'post.publish': 'Udgav indlæg',
  'post.schedule': 'Planlagde indlæg',
  'post.unpublish': 'Trak indlæg tilbage',
  'post.move': 'Flyttede indlæg',
  'post.delete': 'Slettede indlæg',
  'post.restore-revision': 'Gendannede en version af indlæg',
  'post.preview-link.create': 'Delte forhåndsvisning',
  'post.preview-link.revoke': 'Tilbagekaldte forhåndsvisning',
  'settings.test-mail': 'Sendte testmail',
  'settings.update': 'Ændrede indstillinger',
  'site.export': 'Eksporterede sitet',
  'upload.create': 'Uploadede fil',
  'upload.delete': 'Slettede fil',
};

const en: Record<keyof typeof da, string> = {
  setup: 'Set up the site',
  'account.create': 'Created account',
  'account.invite': 'Invited user',
  'account.invite-accept': 'Accepted invitation',
  'account.reset': 'Reset password',
  'account.reset-request': 'Asked for a new password',
  'account.update': 'Changed account',
  'blocklist.add': 'Added to blocklist',
  'blocklist.remove': 'Removed from blocklist',
  'blog.create': 'Created blog',
  'blog.delete': 'Deleted blog',
  'blog.update': 'Changed blog',
  'comment.approve': 'Approved comment',
  'comment.spam': 'Marked comment as spam',
  'comment.trash': 'Trashed comment',
  'comment.restore': 'Restored comment',
  'comment.delete': 'Deleted comment',
  'comment.edit': 'Edited comment',
  'comment.reply': 'Replied to comment',
  'comment.undo': 'Undid moderation',
  'demo.remove': 'Removed the demo content',
  'follower.export': 'Exported followers',
  'follower.import': 'Imported followers',
  'follower.remove': 'Removed follower',
  'person.create': 'Created person',
  'person.delete': 'Deleted person',
  'person.merge': 'Merged people',
  'person.update': 'Changed person',
  'post.create': 'Created post',
  'post.update': 'Changed post',
  'post.publish': 'Published post',
  'post.schedule': 'Scheduled post',
  'post.unpublish': 'Unpublished post',
  'post.move': 'Moved post',
  'post.delete': 'Deleted post',
  'post.restore-revision': 'Restored a version of post',
  'post.preview-link.create': 'Shared a preview',
  'post.preview-link.revoke': 'Revoked a preview',
  'settings.test-mail': 'Sent a test mail',
  'settings.update': 'Changed settings',
  'site.export': 'Exported the site',
  'upload.create': 'Uploaded file',
  'upload.delete': 'Deleted file',
};

/** Every action code with a word. */
export const AUDIT_ACTIONS: readonly string[] = Object.keys(da);

/** The words for an action code; a code without words (an old or unknown one) is shown as it is. */
export function auditWord(code: string, lang: 'da' | 'en'): string {
  return (lang === 'en' ? en : da)[code] ?? code;
}

const subjectDa: Record<string, string> = {
  account: 'Konto',
  blocklist: 'Blokeringsliste',
  blog: 'Blog',
  comment: 'Kommentar',
  follower: 'Følger',
  person: 'Person',
  post: 'Indlæg',
  settings: 'Indstillinger',
  site: 'Sitet',
  upload: 'Fil',
};

const subjectEn: Record<keyof typeof subjectDa, string> = {
  account: 'Account',
  blocklist: 'Blocklist',
  blog: 'Blog',
  comment: 'Comment',
  follower: 'Follower',
  person: 'Person',
  post: 'Post',
  settings: 'Settings',
  site: 'Site',
  upload: 'File',
};

/** Every subject type with a word. */
export const AUDIT_SUBJECTS: readonly string[] = Object.keys(subjectDa);

/** The word for a subject type; an unknown one is shown as it is. */
export function auditSubjectWord(type: string, lang: 'da' | 'en'): string {
  return (lang === 'en' ? subjectEn : subjectDa)[type] ?? type;
}
