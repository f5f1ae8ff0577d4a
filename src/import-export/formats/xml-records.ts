/**
 * The scaffold the streaming import formats (WXR, Disqus) share: a namespace-aware SAX reader that
 * builds a small element tree for one record at a time and hands it over when the record ends, so
 * memory is bounded by the largest record. A format says which elements are records and maps each
 * tree to its own typed record; errors carry the line and column where the input went wrong.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';

/** One element of a record, with its text (CDATA included) and its child elements. */
export interface XmlNode {
  name: string;
  attributes: SaxesTagNS['attributes'];
  text: string;
  children: XmlNode[];
}

/** A file that is not well-formed XML or not of the expected format: where it went wrong, and why. */
export class XmlRecordError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'XmlRecordError';
  }
}

/** The first child element named `name`, or undefined. */
export const childNode = (node: XmlNode, name: string): XmlNode | undefined => node.children.find((c) => c.name === name);
/** The text of the first child element named `name`, '' when there is none. */
export const childText = (node: XmlNode, name: string): string => childNode(node, name)?.text ?? '';
/** An attribute's value by its local name, preferring one in namespace `uri` when given. */
export function attributeOf(node: XmlNode, local: string, uri?: string): string | undefined {
  const all = Object.values(node.attributes);
  const found = (uri === undefined ? undefined : all.find((a) => a.local === local && a.uri === uri)) ?? all.find((a) => a.local === local);
  return found?.value;
}

/** What a format tells the reader. `fail` throws the format's error at the current position (or the line given). */
export interface RecordFormat {
  /** The element's name as the format spells it (WXR normalises namespace prefixes; Disqus uses local names). */
  nameOf(tag: SaxesTagNS): string;
  /**
   * At the start of an element outside any record, with the names from the root down to it:
   * whether it starts a record. May check the root and fail.
   */
  startsRecord(path: readonly string[], tag: SaxesTagNS, fail: (reason: string) => never): boolean;
  /** A record's element tree, complete, with the line of its start tag. */
  onRecord(node: XmlNode, line: number, fail: (reason: string, line?: number, column?: number) => never): void;
  /** Text outside records, with the path of the element it is in. */
  onText?(path: readonly string[], text: string): void;
  /** The end of an element outside records, with its path (the element's own name last). */
  onClose?(path: readonly string[]): void;
  /** After the whole input: checks what the format needs to have seen. */
  onEnd?(fail: (reason: string) => never): void;
  /** Builds the format's error, so callers keep catching the class they know. */
  error(reason: string, line: number, column: number): Error;
}

export interface RecordParser {
  /** Feeds text; records completed by it are handed over before this returns. Throws the format's error. */
  write(chunk: string): void;
  /** Ends the input; throws the format's error for a truncated file or one not of the format. */
  close(): void;
}

/** A push parser over one format: write text in, get record trees out. */
export function createRecordParser(format: RecordFormat): RecordParser {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const path: string[] = [];
  let stack: XmlNode[] = [];
  let recordLine = 0;
  let failure: Error | undefined;

  const fail = (reason: string, line = parser.line, column = parser.column): never => {
    failure ??= format.error(reason, line, column);
    throw failure;
  };

  parser.on('opentag', (tag) => {
    const ns = tag as SaxesTagNS;
    const name = format.nameOf(ns);
    path.push(name);
    if (stack.length > 0) {
      const node: XmlNode = { name, attributes: ns.attributes, text: '', children: [] };
      stack[stack.length - 1]!.children.push(node);
      stack.push(node);
      return;
    }
    if (format.startsRecord(path, ns, fail)) {
      recordLine = parser.line;
      stack = [{ name, attributes: ns.attributes, text: '', children: [] }];
    }
  });

  const onText = (text: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
    else format.onText?.(path, text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  parser.on('closetag', () => {
    if (stack.length > 1) {
      path.pop();
      stack.pop();
      return;
    }
    if (stack.length === 1) {
      path.pop();
      const node = stack[0]!;
      stack = [];
      format.onRecord(node, recordLine, fail);
      return;
    }
    format.onClose?.(path);
    path.pop();
  });

  const guard = (action: () => void) => {
    if (failure) throw failure;
    try {
      action();
    } catch (error) {
      if (error === failure) throw error;
      // saxes prefixes its messages with "line:column: "; the error carries those separately.
      fail(error instanceof Error ? error.message.replace(/^\d+:\d+: /, '') : String(error));
    }
  };

  return {
    write: (chunk) =>
      guard(() => {
        parser.write(chunk);
      }),
    close: () =>
      guard(() => {
        parser.close();
        format.onEnd?.(fail);
      }),
  };
}

/**
 * Reads records from text chunks (a file stream with an encoding set), a batch per chunk, so the
 * caller's awaits pace the reading and at most one chunk's records wait in memory.
 */
export async function* readRecords<R>(
  chunks: AsyncIterable<string> | Iterable<string>,
  create: (onRecord: (record: R) => void) => RecordParser,
): AsyncGenerator<R> {
  let batch: R[] = [];
  const parser = create((record) => batch.push(record));
  for await (const chunk of chunks) {
    parser.write(chunk);
    const ready = batch;
    batch = [];
    yield* ready;
  }
  parser.close();
  yield* batch;
}
