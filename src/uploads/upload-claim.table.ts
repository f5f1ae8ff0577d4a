/** upload_claims (migration 000075): who is doing background work on an upload, until when, and how often it was tried. */
export interface UploadClaimTable {
  upload_id: string;
  /** The kind of work, e.g. "avif". */
  job: string;
  claimed_until: string;
  attempts: number;
}
