/** What a WordPress or Disqus import tells the person running it: progress, the report, and the error that stops it. */
import type { CommentStatus } from '../comments/comment.js';
import type { PostStatus } from '../posts/post.js';
import type { MediaReport } from './media-import.js';

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  /** Records read so far: authors, terms and items. */
  records: number;
}

export interface ImportReport {
  source: string;
  blog: { slug: string; title: string; created: boolean };
  imported: { people: number; posts: number; pages: number; comments: number; redirects: number };
  /** Posts and pages together, by the status they have in Ytring. */
  postsByStatus: Record<PostStatus, number>;
  commentsByStatus: Record<CommentStatus, number>;
  /** Found from an earlier run of the same import and left as they were. */
  alreadyImported: { people: number; posts: number; comments: number };
  /** Reason → how many things were left out for it. */
  skipped: Record<string, number>;
  /** Reason → how many things were imported with a change. */
  adjusted: Record<string, number>;
  /** Images, when the import was asked to bring them. */
  media?: MediaReport;
}

/** A file that cannot be imported; nothing of it was stored. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ImportError';
  }
}

export function emptyReport(): ImportReport {
  return {
    source: '',
    blog: { slug: '', title: '', created: false },
    imported: { people: 0, posts: 0, pages: 0, comments: 0, redirects: 0 },
    postsByStatus: { published: 0, scheduled: 0, draft: 0 },
    commentsByStatus: { approved: 0, pending: 0, spam: 0, trash: 0 },
    alreadyImported: { people: 0, posts: 0, comments: 0 },
    skipped: {},
    adjusted: {},
  };
}

/** Adds `by` to the count kept under `key` (a reason in words). */
export const increment = (counts: Record<string, number>, key: string, by = 1): void => {
  counts[key] = (counts[key] ?? 0) + by;
};

/** The end-of-import report as lines of text for a person. */
export function formatImportReport(report: ImportReport): string {
  const lines: string[] = [];
  const { imported, postsByStatus, commentsByStatus, alreadyImported } = report;
  const parts = (counts: Record<string, number>) =>
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ');
  lines.push(
    `Imported into blog "${report.blog.title}" (/${report.blog.slug}${report.blog.created ? ', new' : ''}) from ${report.source}:`,
  );
  lines.push(`  people      ${imported.people}`);
  lines.push(`  posts       ${imported.posts}`);
  lines.push(`  pages       ${imported.pages} (as posts)`);
  if (imported.posts + imported.pages > 0) lines.push(`              ${parts(postsByStatus)}`);
  lines.push(`  comments    ${imported.comments}${imported.comments > 0 ? ` (${parts(commentsByStatus)})` : ''}`);
  lines.push(`  redirects   ${imported.redirects}`);
  if (report.media) {
    const { uploads, reused, featured, postsUpdated, missing } = report.media;
    lines.push(`  images      ${uploads} stored${reused > 0 ? `, ${reused} from an earlier run` : ''}; ${featured} featured images`);
    if (postsUpdated > 0) lines.push(`  ${postsUpdated} posts from an earlier run now show images that were missing then`);
    if (missing.length > 0) {
      lines.push(`Images that could not be had (${missing.length}; the posts keep their old addresses):`);
      for (const { url, reason } of missing.slice(0, 50)) lines.push(`  ${url}: ${reason}`);
      if (missing.length > 50) lines.push(`  … and ${missing.length - 50} more`);
    }
  }
  if (alreadyImported.people + alreadyImported.posts + alreadyImported.comments > 0) {
    lines.push(`Already imported by an earlier run, left as they were: ${parts(alreadyImported)}`);
  }
  const adjusted = Object.entries(report.adjusted);
  if (adjusted.length > 0) {
    lines.push('Imported with a change:');
    for (const [reason, n] of adjusted.sort((a, b) => b[1] - a[1])) lines.push(`  ${String(n).padStart(5)}  ${reason}`);
  }
  const skipped = Object.entries(report.skipped);
  lines.push(skipped.length > 0 ? 'Skipped:' : 'Skipped: nothing');
  for (const [reason, n] of skipped.sort((a, b) => b[1] - a[1])) lines.push(`  ${String(n).padStart(5)}  ${reason}`);
  return lines.join('\n');
}
