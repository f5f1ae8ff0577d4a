// Makes the built file ASCII-only without changing what it does. V8 keeps a source with any other
// character as two bytes a character, and Node decodes it as UTF-8 first: for the 6 MB build that
// was about 7% of a start's CPU. esbuild already escapes strings, untagged templates and names;
// it leaves regular expression literals and the comments it keeps, and those are escaped here.
import ts from 'typescript';

const NON_ASCII = /[\u0080-\uffff]/;
const EVERY_NON_ASCII = /[\u0080-\uffff]/g;
const hex4 = (unit) => `\\u${unit.toString(16).padStart(4, '0')}`;

/**
 * `text` with every non-ASCII character written as an escape that means the same: in a regular
 * expression, string or untagged template each UTF-16 unit as \uXXXX (a surrogate pair written so
 * is one code point under the u flag, two units without it, as the characters were), in a name as
 * \u{…}, in a comment as the same six characters of text. Throws on one it cannot escape so, such as
 * one in a tagged template (String.raw would see the escape) or a line separator between tokens.
 */
export function escapeNonAscii(text, fileName = 'bundle.js') {
  if (!NON_ASCII.test(text)) return text;
  const file = ts.createSourceFile(
    fileName,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    true,
    ts.ScriptKind.JS,
  );
  const edits = new Map(); // start -> { end, replacement }
  const where = (pos) => {
    const { line, character } = file.getLineAndCharacterOfPosition(pos);
    return `${fileName}:${line + 1}:${character + 1}`;
  };
  for (const match of text.matchAll(EVERY_NON_ASCII)) {
    const pos = match.index;
    if (edits.has(pos)) continue; // the low half of a pair, taken with its high half
    const token = tokenAt(file, pos);
    const start = token.getStart(file);
    if (pos < start) {
      if (!inComment(text, token.pos, start, pos)) throw new Error(`${where(pos)}: a non-ASCII character between tokens`);
      edits.set(pos, { end: pos + 1, replacement: hex4(text.charCodeAt(pos)) });
      continue;
    }
    const kind = token.kind;
    if (kind === ts.SyntaxKind.Identifier || kind === ts.SyntaxKind.PrivateIdentifier) {
      const point = text.codePointAt(pos);
      const end = pos + (point > 0xffff ? 2 : 1);
      edits.set(pos, { end, replacement: `\\u{${point.toString(16)}}` });
      if (end > pos + 1) edits.set(pos + 1, { end, replacement: '' }); // so the loop passes the low half
      continue;
    }
    const literal =
      kind === ts.SyntaxKind.RegularExpressionLiteral || kind === ts.SyntaxKind.StringLiteral || (isTemplatePart(kind) && !isTagged(token));
    if (!literal) throw new Error(`${where(pos)}: a non-ASCII character in ${ts.SyntaxKind[kind]}, which cannot be escaped unchanged`);
    const unit = text.charCodeAt(pos);
    if (unit === 0x2028 || unit === 0x2029) {
      // Escaped with a backslash it is a line continuation in a string, and nothing.
      if (text[pos - 1] === '\\') throw new Error(`${where(pos)}: an escaped line separator`);
    }
    // A backslash before the character only escaped it (`\é` is é); the \u escape replaces both.
    const escaped = backslashesBefore(text, pos, start) % 2 === 1;
    edits.set(escaped ? pos - 1 : pos, { end: pos + 1, replacement: hex4(unit) });
  }
  let out = '';
  let last = 0;
  for (const [start, { end, replacement }] of [...edits].sort((a, b) => a[0] - b[0])) {
    out += text.slice(last, start) + replacement;
    last = Math.max(last, end);
  }
  out += text.slice(last);
  const left = NON_ASCII.exec(out);
  if (left) throw new Error(`${fileName}: a non-ASCII character left at offset ${left.index}`);
  return out;
}

/** The innermost token (or literal, or name) whose span with its leading trivia holds `pos`. */
function tokenAt(file, pos) {
  let node = file;
  for (;;) {
    const child = node.getChildren(file).find((c) => c.pos <= pos && pos < c.end);
    if (!child) return node;
    node = child;
  }
}

function isTemplatePart(kind) {
  return (
    kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral ||
    kind === ts.SyntaxKind.TemplateHead ||
    kind === ts.SyntaxKind.TemplateMiddle ||
    kind === ts.SyntaxKind.TemplateTail
  );
}

function isTagged(token) {
  const template =
    token.kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral
      ? token
      : token.kind === ts.SyntaxKind.TemplateHead
        ? token.parent
        : token.parent.parent;
  return template.parent.kind === ts.SyntaxKind.TaggedTemplateExpression;
}

function backslashesBefore(text, pos, floor) {
  let count = 0;
  while (pos - count - 1 >= floor && text[pos - count - 1] === '\\') count++;
  return count;
}

/** Whether `pos` lies in a comment of the trivia text[from, to), which holds only white space and comments. */
function inComment(text, from, to, pos) {
  let i = from;
  while (i < to) {
    if (text.startsWith('//', i)) {
      let end = i + 2;
      while (end < to && !/[\n\r\u2028\u2029]/.test(text[end])) end++;
      if (pos < end) return pos >= i;
      i = end;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? to : close + 2;
      if (pos < end) return pos >= i;
      i = end;
    } else {
      if (i === pos) return false;
      i++;
    }
  }
  return false;
}
