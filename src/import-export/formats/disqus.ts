/** A Disqus export (XML, namespace http://disqus.com): a streaming parser that turns it into typed records, one at a time. */
import {
  attributeOf,
  childNode,
  childText as child,
  createRecordParser,
  readRecords,
  XmlRecordError,
  type XmlNode as Node,
} from './xml-records.js';

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
export class DisqusParseError extends XmlRecordError {
  constructor(reason: string, line: number, column: number) {
    super(reason, line, column);
    this.name = 'DisqusParseError';
  }
}

const RECORDS = new Set(['category', 'thread', 'post']);

const flag = (node: Node, name: string) => child(node, name).trim().toLowerCase() === 'true';
/** dsq:id (or a bare id attribute), '' when absent. */
const dsqIdOf = (node: Node | undefined) => (node ? (attributeOf(node, 'id', INTERNALS_NS)?.trim() ?? '') : '');

function toPost(node: Node, line: number): DisqusPost {
  const author = childNode(node, 'author');
  return {
    line,
    dsqId: dsqIdOf(node),
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
    threadDsqId: dsqIdOf(childNode(node, 'thread')),
    parentDsqId: dsqIdOf(childNode(node, 'parent')),
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
  let sawRoot = false;
  return createRecordParser({
    nameOf: (tag) => tag.local,
    error: (reason, line, column) => new DisqusParseError(reason, line, column),
    startsRecord(path, tag, fail) {
      if (path.length === 1) {
        if (tag.local !== 'disqus' || (tag.uri !== DISQUS_NS && tag.uri !== '')) {
          fail(`not a Disqus export: the document starts with <${tag.name}>, not <disqus xmlns="${DISQUS_NS}">`);
        }
        sawRoot = true;
      }
      return path.length === 2 && RECORDS.has(tag.local);
    },
    onRecord(node, line, fail) {
      const dsqId = dsqIdOf(node);
      if (!dsqId) fail(`a <${node.name}> without a dsq:id attribute`, line, 1);
      if (node.name === 'category') {
        onRecord({ kind: 'category', category: { dsqId, forum: child(node, 'forum').trim(), title: child(node, 'title').trim() } });
      } else if (node.name === 'thread') {
        onRecord({
          kind: 'thread',
          thread: {
            line,
            dsqId,
            id: child(node, 'id').trim(),
            forum: child(node, 'forum').trim(),
            link: child(node, 'link').trim(),
            title: child(node, 'title').trim(),
            createdAt: child(node, 'createdAt').trim(),
          },
        });
      } else {
        const post = toPost(node, line);
        if (!post.threadDsqId) fail('a <post> without <thread dsq:id="…"/>', line, 1);
        onRecord({ kind: 'post', post });
      }
    },
    onEnd(fail) {
      if (!sawRoot) fail('not a Disqus export: no <disqus> element');
    },
  });
}

/** Reads records from text chunks (a file stream with an encoding set), a batch per chunk, so the caller's awaits pace the reading. */
export function readDisqus(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<DisqusRecord> {
  return readRecords(chunks, createDisqusParser);
}
