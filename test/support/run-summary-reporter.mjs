// A test reporter for scripts/test.mjs, beside the spec reporter on the terminal. It writes the
// run's counts (`pass 12`, `fail 0` …, as the runner totals them) and then one line per test file:
// the time its top-level tests took, which the spec report cannot give since it names suites, not
// files. One reporter for both: each reporter composed onto node's TestsStream adds four `end`
// listeners, and a third reporter went past the limit of ten (MaxListenersExceededWarning).
const COUNTS = /^(tests|pass|fail|cancelled|skipped|todo) \d+$/;

export default async function* runSummary(source) {
  const seconds = new Map();
  const counts = [];
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      const ms = event.data.details?.duration_ms ?? 0;
      seconds.set(event.data.file, (seconds.get(event.data.file) ?? 0) + ms / 1000);
    } else if (event.type === 'test:diagnostic' && event.data.nesting === 0 && COUNTS.test(event.data.message)) {
      counts.push(event.data.message);
    }
  }
  for (const line of counts) yield `# ${line}\n`;
  for (const [file, s] of seconds) yield `${s.toFixed(1)}\t${file}\n`;
}
