/** Which statements an app runs while one request of a test is under way (statement budgets, order within a transaction). */

export interface StatementRecorder {
  /** Pass as startTestServer's or buildApp's queryLog. */
  readonly log: (query: { sql: string }) => void;
  /** Runs `act` and gives what it returned with the statements run meanwhile, in order. */
  during<T>(act: () => Promise<T>): Promise<{ value: T; statements: string[] }>;
}

/** `skip` leaves out statements that are no request's own (the live channel's polling, woken by any commit). */
export function statementRecorder(skip: (sql: string) => boolean = () => false): StatementRecorder {
  let recording: string[] | undefined;
  return {
    log: (query) => {
      if (recording && !skip(query.sql)) recording.push(query.sql);
    },
    async during(act) {
      const statements: string[] = [];
      recording = statements;
      try {
        return { value: await act(), statements };
      } finally {
        recording = undefined;
      }
    },
  };
}

/**
 * The live channel's look for new events (SQLite), on its own timer and woken by any commit: no
 * request's own statement.
 */
export const isLivePoll = (sql: string) => /^select "seq", "kind", "post_id", "comment_id" from "live_events" where "seq" >/.test(sql);
