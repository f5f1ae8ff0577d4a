/** Progress of a long import or export: a bar on a terminal, a log line every so often otherwise. */

export interface ProgressSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressReporter {
  update(done: number, total: number, items: number): void;
  finish(): void;
}

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);

/** `label` names the work ("import"); `every` is how many items pass between log lines when not on a terminal. */
export function progressReporter(
  sink: ProgressSink,
  label: string,
  options: { every?: number; intervalMs?: number; unit?: 'bytes' | 'rows' } = {},
): ProgressReporter {
  const amount = (done: number, total: number) => (options.unit === 'rows' ? `${done}/${total} rows` : `${mb(done)}/${mb(total)} MB`);
  const every = options.every ?? 1000;
  const intervalMs = options.intervalMs ?? 100;
  let lastDraw = 0;
  let lastLogged = 0;
  let drawn = false;
  let state = { done: 0, total: 0, items: 0 };
  const draw = () => {
    const { done, total, items } = state;
    const share = total > 0 ? Math.min(1, done / total) : 0;
    const width = 30;
    const filled = Math.round(share * width);
    sink.write(
      `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  ${amount(done, total)}  ${items} items `,
    );
    drawn = true;
  };
  return {
    update(done, total, items) {
      state = { done, total, items };
      if (sink.isTTY) {
        const now = Date.now();
        if (now - lastDraw >= intervalMs) {
          lastDraw = now;
          draw();
        }
      } else if (items - lastLogged >= every) {
        lastLogged = items;
        sink.write(`${label}: ${total > 0 ? Math.floor((done / total) * 100) : 0}% (${amount(done, total)}), ${items} items\n`);
      }
    },
    finish() {
      if (sink.isTTY) {
        draw();
        sink.write('\n');
      } else if (drawn || state.items !== lastLogged) {
        sink.write(`${label}: 100% (${amount(state.total, state.total)}), ${state.items} items\n`);
      }
    },
  };
}
