/**
 * A corpus of stored-XSS attack shapes for the browser test: each vector carries a plain marker
 * (to find it as text after sanitising) and, where it would execute, calls one detector with its
 * own number: `__xss(n)`, or `alert(n)` / `confirm(n)` / `prompt(n)`, so a run names its source.
 */

export interface XssVector {
  /** Position in the corpus, also the number the payload reports when it runs. */
  id: number;
  category: string;
  /** Short, unique, plain-ASCII text at the start of the vector; survives tag stripping and Markdown. */
  marker: string;
  /** What is typed into the field: the marker, a space, then the payload. */
  text: string;
}

/** The marker of vector `id`: fixed width, so no marker is a prefix of another. */
export const markerOf = (id: number): string => `xq${String(id).padStart(3, '0')}z`;

type Payload = (call: string, id: number) => string;

// Which detector a payload calls rotates, so each of the four is used somewhere in every category.
const DETECTORS = ['__xss', 'alert', 'confirm', 'prompt'] as const;
const callFor = (id: number) => `${DETECTORS[id % DETECTORS.length]}(${id})`;

const entityAll = (text: string, hex: boolean) =>
  Array.from(text, (ch) => (hex ? `&#x${ch.codePointAt(0)!.toString(16)};` : `&#${ch.codePointAt(0)!};`)).join('');
const percentAll = (text: string) => Array.from(text, (ch) => `%${ch.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const fullwidth = (text: string) =>
  Array.from(text, (ch) => (ch >= '!' && ch <= '~' ? String.fromCodePoint(ch.charCodeAt(0) + 0xfee0) : ch)).join('');

// ---- Script elements: casing × what comes between the name and ">".
const SCRIPT_NAMES = ['script', 'SCRIPT', 'ScRiPt', 'sCRIPt'];
const SCRIPT_OPENERS = ['>', ' >', '\t>', '\n>', '/x>', ' type="text/javascript">'];
const scriptTags: Payload[] = SCRIPT_NAMES.flatMap((name) =>
  SCRIPT_OPENERS.map(
    (opener): Payload =>
      (call) =>
        `<${name}${opener}${call}</${name}>`,
  ),
);
const scriptOdd: Payload[] = [
  (call) => `<scr\u0000ipt>${call}</scr\u0000ipt>`,
  (call) => `<script\u0000>${call}</script>`,
  (call) => `<<script>${call}//<</script>`,
  (call) => `<script>${call}</script`,
  (call) => `<scr<script>ipt>${call}</scr</script>ipt>`,
  (call) => `<script type=module>${call}</script>`,
  (call) => `<script src="data:text/javascript,${call}"></script>`,
  (call) => `<script src=data:,${call}></script>`,
  (call) => `<script>/*</script><script>*/${call}</script>`,
  (call) => `<script>eval('${call}')</script>`,
  (call) => `<script>setTimeout('${call}',0)</script>`,
  (_call, id) => `<script>window['__x'+'ss'](${id})</script>`,
  (call) => `<script>${call}<!--</script>`,
  (call) => `<script\n\n>${call}</script\n>`,
];

// ---- Event handlers on the elements that fire them without a person doing anything.
const HANDLER_HOSTS: ((handler: string) => string)[] = [
  (h) => `<img src=x ${h}>`.replace('on?', 'onerror'),
  (h) => `<IMG SRC=x ${h}>`.replace('on?', 'OnErRoR'),
  (h) => `<img/src/${h}>`.replace('on?', 'onerror'),
  (h) => `<svg ${h}>`.replace('on?', 'onload'),
  (h) => `<svg/${h}/>`.replace('on?', 'onload'),
  (h) => `<body ${h}>`.replace('on?', 'onload'),
  (h) => `<body ${h}>`.replace('on?', 'onpageshow'),
  (h) => `<details open ${h}>`.replace('on?', 'ontoggle'),
  (h) => `<video src=x ${h}>`.replace('on?', 'onerror'),
  (h) => `<video><source ${h}></video>`.replace('on?', 'onerror'),
  (h) => `<audio src=x ${h}>`.replace('on?', 'onerror'),
  (h) => `<iframe ${h}></iframe>`.replace('on?', 'onload'),
  (h) => `<input autofocus ${h}>`.replace('on?', 'onfocus'),
  (h) => `<select autofocus ${h}>`.replace('on?', 'onfocus'),
  (h) => `<textarea autofocus ${h}></textarea>`.replace('on?', 'onfocus'),
  (h) => `<marquee ${h}>x</marquee>`.replace('on?', 'onstart'),
  (h) => `<object data=x ${h}></object>`.replace('on?', 'onerror'),
  (h) => `<link rel=stylesheet href=x ${h}>`.replace('on?', 'onerror'),
  (h) => `<input type=image src=x ${h}>`.replace('on?', 'onerror'),
  (h) => `<x tabindex=1 autofocus ${h}></x>`.replace('on?', 'onfocus'),
  (h) => `<div ${h}>hover</div>`.replace('on?', 'onmouseover'),
  (h) => `<a ${h}>click</a>`.replace('on?', 'onclick'),
  (h) => `<style ${h}></style>`.replace('on?', 'onload'),
  (h) => `<svg><animate ${h} attributeName=x dur=1s>`.replace('on?', 'onbegin'),
  (h) => `<img src=x ${h}`.replace('on?', 'onerror'),
];
const HANDLER_QUOTES: ((call: string) => string)[] = [(call) => `on?=${call}`, (call) => `on?="${call}"`, (call) => `on?='${call}'`];
const eventHandlers: Payload[] = HANDLER_HOSTS.flatMap((host) =>
  HANDLER_QUOTES.map(
    (quote): Payload =>
      (call) =>
        host(quote(call)),
  ),
);
const handlerEncoded: Payload[] = [
  (call) => `<img src=x onerror="${entityAll(call, false)}">`,
  (call) => `<img src=x onerror="${entityAll(call, true)}">`,
  (call) => `<img src=x onerror=\`${call}\`>`,
  (call) => `<img src="x"onerror="${call}">`,
  (call) => `<img src=x onerror\n=\n${call}>`,
  (call) => `<img src=x onerror=${call.replace('(', '`').replace(')', '`')}>`,
];

// ---- Dangerous URLs × the attributes that load or follow them.
const URLS: Payload[] = [
  (call) => `javascript:${call}`,
  (call) => `JaVaScRiPt:${call}`,
  (call) => `java\tscript:${call}`,
  (call) => `java\nscript:${call}`,
  (call) => `java&#x09;script:${call}`,
  (call) => `${entityAll('javascript', false)}:${call}`,
  (call) => `&#x6A;avascript&colon;${call}`,
  (call) => ` \u0001javascript:${call}`,
  (call) => `javascript:${percentAll(call)}`,
  (_call, id) => `vbscript:msgbox(${id})`,
  (_call, id) => `data:text/html,<script>alert(${id})</script>`,
  (_call, id) => `data:text/html;base64,${base64(`<script>alert(${id})</script>`)}`,
];
const URL_HOSTS: ((url: string) => string)[] = [
  (u) => `<a href="${u}">link</a>`,
  (u) => `<a href=${u.replace(/ /g, '')}>link</a>`,
  (u) => `<iframe src="${u}"></iframe>`,
  (u) => `<form action="${u}"><button>send</button></form>`,
  (u) => `<form><button formaction="${u}">send</button></form>`,
  (u) => `<svg><a xlink:href="${u}"><text y=20>svg link</text></a></svg>`,
];
const dangerousUrls: Payload[] = URL_HOSTS.flatMap((host) =>
  URLS.map(
    (url): Payload =>
      (call, id) =>
        host(url(call, id)),
  ),
);
const moreUrls: Payload[] = [
  (call) => `<object data="javascript:${call}"></object>`,
  (_call, id) => `<embed src="data:text/html,<script>alert(${id})</script>">`,
  (call) => `<math href="javascript:${call}">math link</math>`,
  (call) => `<isindex action="javascript:${call}" type=image>`,
  (call) => `<input type=submit formaction="javascript:${call}" value=go>`,
  (call) => `<a href="javascript:void(0)" onclick="${call}">both</a>`,
];

// ---- SVG and MathML.
const svgMath: Payload[] = [
  (call) => `<svg><script>${call}</script></svg>`,
  (call) => `<svg><script href="data:,${call}"/></svg>`,
  (call) => `<svg><a><animate attributeName=href values=javascript:${call} /><text y=20>x</text></a></svg>`,
  (call) => `<svg><set attributeName=onmouseover to=${call} /></svg>`,
  (call) => `<svg><foreignObject><img src=x onerror=${call}></foreignObject></svg>`,
  (_call, id) =>
    `<svg><use href="data:image/svg+xml,<svg id='a' xmlns='http://www.w3.org/2000/svg'><image href='x' onerror='alert(${id})'/></svg>#a"/></svg>`,
  (call) => `<svg><image href=x onerror=${call} /></svg>`,
  (call) => `<math><mtext><table><mglyph><style><img src=x onerror=${call}>`,
  (call) => `<math><a xlink:href="javascript:${call}">math</a></math>`,
  (call) => `<svg><style><img src=x onerror=${call}></style></svg>`,
  (call) => `<svg><title><img src=x onerror=${call}></title></svg>`,
  (call) => `<svg onload=${call}//`,
  (call) => `<svg><discard onbegin=${call} /></svg>`,
  (call) => `<svg><animateTransform onbegin=${call} attributeName=transform /></svg>`,
  (call) => `<math><maction actiontype=statusline xlink:href="javascript:${call}">m</maction></math>`,
  (call) => `<svg><desc><![CDATA[</desc><script>${call}</script>]]></svg>`,
  (call) => `<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=${call} src>">`,
];

// ---- Breaking out of the element or attribute a value might be put in.
const BREAKOUTS = [
  '">',
  "'>",
  '`>',
  '</textarea>',
  '</title>',
  '</script>',
  '-->',
  ']]>',
  '</style>',
  '</noscript>',
  '</option></select>',
  '"/>',
  '</p></div>',
  '</iframe>',
];
const BREAKOUT_PAYLOADS: Payload[] = [(call) => `<img src=x onerror=${call}>`, (call) => `<svg onload=${call}>`];
const breakouts: Payload[] = BREAKOUTS.flatMap((prefix) =>
  BREAKOUT_PAYLOADS.map(
    (p): Payload =>
      (call, id) =>
        `${prefix}${p(call, id)}`,
  ),
);
const attributeBreakouts: Payload[] = [
  (call) => `" onmouseover="${call}" x="`,
  (call) => `' autofocus onfocus='${call}' x='`,
  (call) => `" autofocus onfocus="${call}`,
  (call) => `\` onerror=${call} x=\``,
  (call) => `"><a href="javascript:${call}">x</a><"`,
  (call) => `javascript:${call}//"`,
];

// ---- CSS.
const css: Payload[] = [
  (call) => `<div style="background:url(javascript:${call})">css</div>`,
  (call) => `<div style="width:expression(${call})">css</div>`,
  (call) => `<div style="x:\\65xpression(${call})">css</div>`,
  (call) => `<style>@import 'javascript:${call}';</style>`,
  (call) => `<style>*{background:url("javascript:${call}")}</style>`,
  (call) => `<link rel=stylesheet href="javascript:${call}">`,
  (_call, id) => `<style>body{background:url("data:image/svg+xml,<svg onload=alert(${id})>")}</style>`,
];

// ---- Templates, meta refresh, base, forms, frames with inline documents.
const documentTricks: Payload[] = [
  (call) => `<meta http-equiv="refresh" content="0;url=javascript:${call}">`,
  (_call, id) => `<meta http-equiv=refresh content="0;url=data:text/html,<script>alert(${id})</script>">`,
  (call) => `<base href="javascript:${call}//">`,
  (call) => `<template><img src=x onerror=${call}></template>`,
  (call) => `<form id=f${call.length}><button form=f${call.length} formaction=javascript:${call}>go</button></form>`,
  (_call, id) => `<iframe srcdoc="<script>parent.__xss(${id})</script>"></iframe>`,
  (_call, id) => `<iframe srcdoc="&lt;img src=x onerror=alert(${id})&gt;"></iframe>`,
  (call) => `<noscript><p title="</noscript><img src=x onerror=${call}>">`,
  (call) => `<xmp><p title="</xmp><img src=x onerror=${call}>">`,
  (call) => `<textarea><p title="</textarea><img src=x onerror=${call}>">`,
  (call) => `<title><img src=x onerror=${call}></title>`,
  (call) => `<frameset onload=${call}>`,
  (call) => `<object type="text/html" data="javascript:${call}"></object>`,
  (call) => `<plaintext><img src=x onerror=${call}>`,
];

// ---- Markdown: links, autolinks, references, images and raw HTML in a Markdown body.
const markdown: Payload[] = [
  (call) => `[click](javascript:${call})`,
  (call) => `[click](JAVASCRIPT:${call})`,
  (call) => `[click](javascript&#58;${call})`,
  (call) => `[click](  javascript:${call}  )`,
  (call) => `[click](<javascript:${call}>)`,
  (call) => `<javascript:${call}>`,
  (call) => `[click][ref]\n\n[ref]: javascript:${call}`,
  (call) => `![pic](javascript:${call})`,
  (call) => `![pic](x" onerror="${call})`,
  (call) => `[click](https://a.example/" onclick="${call})`,
  (call) => `[click](javascript:${call} "title")`,
  (call) => `[<img src=x onerror=${call}>](mailto:reader@mail.example)`,
  (_call, id) => `[click](data:text/html;base64,${base64(`<script>alert(${id})</script>`)})`,
  (_call, id) => `[click](vbscript:msgbox(${id}))`,
  (_call, id) => `![pic](data:image/svg+xml,<svg onload=alert(${id})>)`,
  (call) => `*<img src=x onerror=${call}>*`,
  (call) => `> <script>${call}</script>`,
  (call) => `\`<script>${call}</script>\``,
  (call) => `\n\n\`\`\`html\n<script>${call}</script>\n\`\`\`\n`,
  (call) => `https://a.example/"><script>${call}</script>`,
  (call) => `www.a.example/<img src=x onerror=${call}>`,
  (call) => `[click](java\nscript:${call})`,
  (call) => `[click](&#106;avascript:${call})`,
  (call) => `<a href="javascript:${call}">raw</a>`,
];

// ---- Unicode and encoding tricks: look-alikes, invisible characters, escapes a decoder might undo.
const unicode: Payload[] = [
  (call) => `${fullwidth('<script>')}${call}${fullwidth('</script>')}`,
  (call) => `${fullwidth('<img src=x onerror=')}${call}${fullwidth('>')}`,
  (call) => `\u202e>tpircs/<${call}>tpircs<`,
  (call) => `<scr\u200dipt>${call}</scr\u200dipt>`,
  (call) => `<img src=x onerror=\u200b${call}>`,
  (call) => `<img src=x onerror=\u2028${call}>`,
  (call) => `\\u003cscript\\u003e${call}\\u003c/script\\u003e`,
  (call) => `\\x3cscript\\x3e${call}\\x3c/script\\x3e`,
  (call) => `%3Cscript%3E${call}%3C/script%3E`,
  (call) => `&lt;script&gt;${call}&lt;/script&gt;`,
  (call) => `&#60;script&#62;${call}&#60;/script&#62;`,
  (call) => `&#x3c;img src=x onerror=${call}&#x3e;`,
  (call) => `%C0%BCscript%C0%BE${call}%C0%BC/script%C0%BE`,
  (call) => `+ADw-script+AD4-${call}+ADw-/script+AD4-`,
  (call) => `[click](${fullwidth('javascript:')}${call})`,
  (call) => `<a href="java\u00adscript:${call}">soft hyphen</a>`,
  (call) => `\ufeff<script>${call}</script>`,
  (call) => `<\u0131mg src=x onerror=${call}>`,
];

const CATEGORIES: [string, Payload[]][] = [
  ['script-tag', [...scriptTags, ...scriptOdd]],
  ['event-handler', [...eventHandlers, ...handlerEncoded]],
  ['url-scheme', [...dangerousUrls, ...moreUrls]],
  ['svg-mathml', svgMath],
  ['breakout', [...breakouts, ...attributeBreakouts]],
  ['css', css],
  ['document', documentTricks],
  ['markdown', markdown],
  ['unicode', unicode],
];

function buildCorpus(): XssVector[] {
  const out: XssVector[] = [];
  for (const [category, payloads] of CATEGORIES) {
    for (const payload of payloads) {
      const id = out.length;
      const marker = markerOf(id);
      out.push({ id, category, marker, text: `${marker} ${payload(callFor(id), id)}` });
    }
  }
  return out;
}

/** Every vector, numbered from 0; stable between runs, so a failure names the same vector again. */
export const XSS_VECTORS: readonly XssVector[] = Object.freeze(buildCorpus());

/** The vector whose marker or detector number is `id`. */
export const vectorById = (id: number): XssVector | undefined => XSS_VECTORS[id];

/** The markers found in a text, as vector ids. */
export function markersIn(text: string): number[] {
  return [...text.matchAll(/xq(\d{3})z/g)].map((m) => Number(m[1]));
}
