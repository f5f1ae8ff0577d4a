// A test reporter that writes one line per test file: its path and the time its top-level tests took.
// The TAP and spec reports name suites, not files; the runner uses this to list the slowest files.
export default async function* fileTimes(source) {
  const seconds = new Map();
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      const ms = event.data.details?.duration_ms ?? 0;
      seconds.set(event.data.file, (seconds.get(event.data.file) ?? 0) + ms / 1000);
    }
  }
  for (const [file, s] of seconds) yield `${s.toFixed(1)}\t${file}\n`;
}
