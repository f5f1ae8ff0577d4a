/** A Disqus export (XML, namespace http://disqus.com): a streaming parser that turns it into typed records, one at a time. */
import { SaxesParser, type SaxesTagNS } from 'saxes';

const DISQUS_NS = 'http://disqus.com';
const INTERNALS_NS = 'http://disqus.com/disqus-internals';

export interface DisqusCategory {
  dsqId: string;
  forum: string;
  title: string;
}

export interface DisqusThread {
  /** Line of the thread's start tag, for messages. */
  line: number;
  dsqId: string;
  /** The site's own identifier for the page; often empty. */
  id: string;
  forum: string;
  link: string;
  title: string;
  createdAt: string;
}

export interface DisqusAuthor {
  name: string;
  email: string;
  username: string;
  isAnonymous: boolean;
}

export interface DisqusPost {
  /** Line of the post's start tag, for messages. */
  line: number;
  dsqId: string;
  forum: string;
  /** HTML. */
  message: string;
  createdAt: string;
  isDeleted: boolean;
  isSpam: boolean;
  author: DisqusAuthor;
  threadDsqId: string;
  /** '' for a top-level comment. */
  parentDsqId: string;
}

export type DisqusRecord =
  { kind: 'category'; category: DisqusCategory } | { kind: 'thread'; thread: DisqusThread } | { kind: 'post'; post: DisqusPost };

/** A file that is not well-formed XML or not a Disqus export; carries where it went wrong. */
export class DisqusParseError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'DisqusParseError';
  }
}

interface Node {
  name: string;
  /** dsq:id (or a bare id attribute), '' when absent. */
  dsqId: string;
  text: string;
  children: Node[];
}

const RECORDS = new Set(['category', 'thread', 'post']);

const childNode = (node: Node, name: string) => node.children.find((c) => c.name === name);
const child = (node: Node, name: string) => childNode(node, name)?.text ?? '';
const flag = (node: Node, name: string) => child(node, name).trim().toLowerCase() === 'true';

function dsqIdOf(tag: SaxesTagNS): string {
  const attributes = Object.values(tag.attributes);
  const attribute = attributes.find((a) => a.local === 'id' && a.uri === INTERNALS_NS) ?? attributes.find((a) => a.local === 'id');
  return attribute?.value.trim() ?? '';
}

function toPost(node: Node, line: number): DisqusPost {
  const author = childNode(node, 'author');
  return {
    line,
    dsqId: node.dsqId,
    forum: child(node, 'forum').trim(),
    message: child(node, 'message'),
    createdAt: child(node, 'createdAt').trim(),
    isDeleted: flag(node, 'isDeleted'),
    isSpam: flag(node, 'isSpam'),
    author: {
      name: author ? child(author, 'name') : '',
      email: author ? child(author, 'email').trim() : '',
      username: author ? child(author, 'username').trim() : '',
      isAnonymous: author ? flag(author, 'isAnonymous') : true,
    },
    threadDsqId: childNode(node, 'thread')?.dsqId ?? '',
    parentDsqId: childNode(node, 'parent')?.dsqId ?? '',
  };
}

export interface DisqusParser {
  /** Feeds text; records completed by it are handed to `onRecord` before this returns. Throws DisqusParseError. */
  write(chunk: string): void;
  /** Ends the input; throws DisqusParseError for a truncated file or one that is not a Disqus export. */
  close(): void;
}

/** A push parser: write text in, get records out, with memory bounded by the largest single record. */
export function createDisqusParser(onRecord: (record: DisqusRecord) => void): DisqusParser {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let depth = 0;
  let sawRoot = false;
  let stack: Node[] = [];
  let recordLine = 0;
  let failure: DisqusParseError | undefined;

  const fail = (reason: string, line = parser.line, column = parser.column): never => {
    failure ??= new DisqusParseError(reason, line, column);
    throw failure;
  };

  parser.on('opentag', (tag) => {
    const ns = tag as SaxesTagNS;
    depth++;
    if (depth === 1) {
      if (ns.local !== 'disqus' || (ns.uri !== DISQUS_NS && ns.uri !== '')) {
        fail(`not a Disqus export: the document starts with <${tag.name}>, not <disqus xmlns="${DISQUS_NS}">`);
      }
      sawRoot = true;
      return;
    }
    if (stack.length > 0) {
      const node: Node = { name: ns.local, dsqId: dsqIdOf(ns), text: '', children: [] };
      stack[stack.length - 1]!.children.push(node);
      stack.push(node);
      return;
    }
    if (depth === 2 && RECORDS.has(ns.local)) {
      recordLine = parser.line;
      stack = [{ name: ns.local, dsqId: dsqIdOf(ns), text: '', children: [] }];
    }
  });

  const onText = (text: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  parser.on('closetag', () => {
    depth--;
    if (stack.length > 1) {
      stack.pop();
      return;
    }
    if (stack.length !== 1 || depth !== 1) return;
    const node = stack[0]!;
    stack = [];
    if (!node.dsqId) fail(`a <${node.name}> without a dsq:id attribute`, recordLine, 1);
    if (node.name === 'category') {
      onRecord({
        kind: 'category',
        category: { dsqId: node.dsqId, forum: child(node, 'forum').trim(), title: child(node, 'title').trim() },
      });
    } else if (node.name === 'thread') {
      onRecord({
        kind: 'thread',
        thread: {
          line: recordLine,
          dsqId: node.dsqId,
          id: child(node, 'id').trim(),
          forum: child(node, 'forum').trim(),
          link: child(node, 'link').trim(),
          title: child(node, 'title').trim(),
          createdAt: child(node, 'createdAt').trim(),
        },
      });
    } else {
      const post = toPost(node, recordLine);
      if (!post.threadDsqId) fail('a <post> without <thread dsq:id="…"/>', recordLine, 1);
      onRecord({ kind: 'post', post });
    }
  });

  const guard = (action: () => void) => {
    if (failure) throw failure;
    try {
      action();
    } catch (error) {
      if (error instanceof DisqusParseError) throw error;
      // saxes prefixes its messages with "line:column: "; we report those separately.
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
        if (!sawRoot) fail('not a Disqus export: no <disqus> element');
      }),
  };
}

/** Reads records from text chunks (a file stream with an encoding set), a batch per chunk, so the caller's awaits pace the reading. */
export async function* readDisqus(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<DisqusRecord> {
  let batch: DisqusRecord[] = [];
  const parser = createDisqusParser((record) => batch.push(record));
  for await (const chunk of chunks) {
    parser.write(chunk);
    const ready = batch;
    batch = [];
    yield* ready;
  }
  parser.close();
  yield* batch;
}
