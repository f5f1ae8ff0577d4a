/**
 * A strict reader of Prometheus' text exposition format (0.0.4): it throws on any line the
 * format does not allow, on a family declared twice or split up, on a repeated series, and on
 * histograms whose buckets do not add up.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
export interface Family {
  name: string;
  type: string;
  help?: string;
  samples: Sample[];
}

const METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

function parseValue(text: string, line: number): number {
  // Prometheus reads values with Go's ParseFloat, which takes NaN in any case; prom-client writes "Nan".
  if (/^nan$/i.test(text)) return Number.NaN;
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`line ${line}: "${text}" is not a value`);
  return Number(text);
}

function unescape(text: string, allowed: string, line: number): string {
  return text.replace(/\\(.)/g, (_, ch: string) => {
    if (!allowed.includes(ch)) throw new Error(`line ${line}: unknown escape \\${ch}`);
    return ch === 'n' ? '\n' : ch;
  });
}

/** Reads the labels of `{…}` starting after the brace; returns them and where the closing brace is. */
function parseLabels(text: string, start: number, line: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let i = start;
  for (;;) {
    if (text[i] === '}') return { labels, end: i };
    const eq = text.indexOf('=', i);
    if (eq < 0) throw new Error(`line ${line}: label without =`);
    const name = text.slice(i, eq);
    if (!LABEL.test(name)) throw new Error(`line ${line}: bad label name "${name}"`);
    if (name in labels) throw new Error(`line ${line}: label ${name} twice`);
    if (text[eq + 1] !== '"') throw new Error(`line ${line}: label value not quoted`);
    let j = eq + 2;
    let raw = '';
    while (j < text.length && text[j] !== '"') {
      if (text[j] === '\\') {
        raw += text.slice(j, j + 2);
        j += 2;
      } else {
        raw += text[j];
        j++;
      }
    }
    if (j >= text.length) throw new Error(`line ${line}: unterminated label value`);
    labels[name] = unescape(raw, '\\"n', line);
    i = j + 1;
    if (text[i] === ',') i++;
    else if (text[i] !== '}') throw new Error(`line ${line}: expected , or } after a label`);
  }
}

export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const finished = new Set<string>();
  const series = new Set<string>();
  let current: string | undefined;
  const family = (name: string, line: number): Family => {
    if (current !== name) {
      if (finished.has(name)) throw new Error(`line ${line}: family ${name} is split up`);
      if (current) finished.add(current);
      current = name;
    }
    let found = families.get(name);
    if (!found) families.set(name, (found = { name, type: 'untyped', samples: [] }));
    return found;
  };
  if (!text.endsWith('\n')) throw new Error('the text must end with a line feed');
  text
    .slice(0, -1)
    .split('\n')
    .forEach((content, index) => {
      const line = index + 1;
      if (content === '') return;
      if (content.startsWith('#')) {
        const match = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(content);
        if (!match) return;
        const [, kind, name, rest] = match as unknown as [string, string, string, string];
        if (!METRIC.test(name)) throw new Error(`line ${line}: bad metric name "${name}"`);
        const f = family(name, line);
        if (kind === 'TYPE') {
          if (!TYPES.has(rest)) throw new Error(`line ${line}: unknown type "${rest}"`);
          if (f.samples.length > 0 || f.type !== 'untyped') throw new Error(`line ${line}: TYPE for ${name} late or twice`);
          f.type = rest;
        } else {
          if (f.help !== undefined) throw new Error(`line ${line}: HELP for ${name} twice`);
          f.help = unescape(rest, '\\n', line);
        }
        return;
      }
      const nameEnd = content.search(/[{ ]/);
      if (nameEnd <= 0) throw new Error(`line ${line}: not a sample: ${content}`);
      const name = content.slice(0, nameEnd);
      if (!METRIC.test(name)) throw new Error(`line ${line}: bad metric name "${name}"`);
      let labels: Record<string, string> = {};
      let rest = content.slice(nameEnd);
      if (rest.startsWith('{')) {
        const parsed = parseLabels(content, nameEnd + 1, line);
        labels = parsed.labels;
        rest = content.slice(parsed.end + 1);
      }
      const parts = rest.split(' ');
      if (parts[0] !== '' || parts.length < 2 || parts.length > 3) throw new Error(`line ${line}: expected " value [timestamp]"`);
      const value = parseValue(parts[1]!, line);
      if (parts[2] !== undefined && !/^-?\d+$/.test(parts[2])) throw new Error(`line ${line}: bad timestamp`);
      const base = /^(.*)_(bucket|sum|count)$/.exec(name)?.[1];
      const owner = base && current === base && ['histogram', 'summary'].includes(families.get(base)?.type ?? '') ? base : name;
      const f = family(owner, line);
      if (owner !== name && name.endsWith('_bucket') && f.type === 'histogram' && labels.le === undefined)
        throw new Error(`line ${line}: bucket without le`);
      if (owner === name && ['histogram', 'summary'].includes(f.type))
        throw new Error(`line ${line}: ${f.type} sample ${name} without a suffix`);
      if (f.type === 'counter' && !(value >= 0)) throw new Error(`line ${line}: counter ${name} is ${value}`);
      const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
      if (series.has(key)) throw new Error(`line ${line}: series ${key} twice`);
      series.add(key);
      f.samples.push({ name, labels, value });
    });
  for (const f of families.values()) if (f.type === 'histogram') checkHistogram(f);
  return families;
}

function checkHistogram(f: Family): void {
  const groups = new Map<string, Sample[]>();
  const keyOf = (labels: Record<string, string>) =>
    JSON.stringify(
      Object.entries(labels)
        .filter(([k]) => k !== 'le')
        .sort(),
    );
  for (const s of f.samples) {
    const key = keyOf(s.labels);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  for (const [key, samples] of groups) {
    const buckets = samples.filter((s) => s.name === `${f.name}_bucket`);
    const count = samples.find((s) => s.name === `${f.name}_count`);
    if (!count || !samples.some((s) => s.name === `${f.name}_sum`)) throw new Error(`${f.name}${key}: _sum or _count missing`);
    let lastLe = Number.NEGATIVE_INFINITY;
    let lastValue = 0;
    for (const b of buckets) {
      const le = parseValue(b.labels.le!, 0);
      if (le <= lastLe || b.value < lastValue) throw new Error(`${f.name}${key}: buckets out of order or not cumulative`);
      lastLe = le;
      lastValue = b.value;
    }
    if (lastLe !== Number.POSITIVE_INFINITY || lastValue !== count.value)
      throw new Error(`${f.name}${key}: the +Inf bucket must equal _count`);
  }
}

/** The value of the first series of that name whose labels include those given, or undefined. */
export function sampleValue(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number | undefined {
  const base = /^(.*)_(bucket|sum|count)$/.exec(name)?.[1];
  const f = families.get(name) ?? (base ? families.get(base) : undefined);
  return f?.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}
