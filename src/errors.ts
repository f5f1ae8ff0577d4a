/** Errors the domain throws; only http/error-handling.tsx turns them into responses. */
export type AppErrorCode = 'not_found' | 'gone' | 'forbidden' | 'invalid' | 'conflict' | 'rate_limited' | 'unavailable';

const STATUS: Record<AppErrorCode, number> = {
  not_found: 404,
  gone: 410,
  forbidden: 403,
  invalid: 422,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: { field?: string; fields?: Record<string, string>; cause?: unknown; lastPage?: number } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'AppError';
    this.status = STATUS[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
/** A page number past the end of a list of `lastPage` pages: the answer is the same for every such number. */
export const pastLastPage = (lastPage: number) => new AppError('not_found', 'Page not found', { lastPage });
export const gone = (what: string) => new AppError('gone', `${what} was deleted`);
export const forbidden = (message = 'Not allowed') => new AppError('forbidden', message);
export const invalid = (fields: Record<string, string>) =>
  new AppError('invalid', `Invalid input: ${Object.keys(fields).join(', ')}`, { fields });
export const conflict = (message: string, field?: string) =>
  new AppError('conflict', message, field ? { field, fields: { [field]: message } } : {});
