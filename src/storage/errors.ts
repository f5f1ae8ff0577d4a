/**
 * What a database error means, whichever database raised it: the driver's codes stay here, and
 * http/ asks these questions instead.
 */

/** Errors that mean "the database is away for now", in either dialect. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    (typeof code === 'string' &&
      (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'SQLITE_BUSY', 'SQLITE_CANTOPEN', 'SQLITE_IOERR'].includes(code) ||
        /^(08|57P)/.test(code))) ||
    (error instanceof Error && /Connection terminated|timeout exceeded when trying to connect/i.test(error.message))
  );
}

/** Text PostgreSQL refuses to store or compare (a NUL byte, say): the request's fault, not the server's. */
export function isUnstorableText(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '22021' || code === '22P05';
}
