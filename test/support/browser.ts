/**
 * Headless Chromium for browser tests: Debian's binary (never a downloaded one), a throw-away
 * profile directory, and axe-core for accessibility checks.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe, { type Result as AxeViolation } from 'axe-core';
import { after } from 'node:test';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Route } from 'playwright-core';

export type { AxeViolation };

/** The switches Chromium is started with; Playwright adds its own automation switches. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What the axe checks cover: WCAG 2.0–2.2 A and AA, plus axe's best practices. */
export const AXE_TAGS: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** How long a locator or navigation may wait before the test fails, instead of Playwright's 30 s. */
const TIMEOUT_MS = 10_000;

export interface TestBrowser {
  /** A page in a new, isolated context (own cookies and settings); closing the page closes the context. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** A new, isolated context, e.g. `{ javaScriptEnabled: false }`; closed with the browser at the latest. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** Closes every context this browser opened; Chromium itself ends with the process's tests. */
  close(): Promise<void>;
}

interface Chromium {
  browser: Browser;
  close(): Promise<void>;
}

async function startChromium(): Promise<Chromium> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const userDataDir = await mkdtemp(join(tmpdir(), 'ytring-chromium-'));
  const removeProfile = () => rm(userDataDir, { recursive: true, force: true });

  let persistent: BrowserContext;
  try {
    persistent = await chromium.launchPersistentContext(userDataDir, { executablePath, args: [...CHROMIUM_ARGS], headless: true });
  } catch (error) {
    await removeProfile();
    throw error;
  }
  // The persistent context owns the profile; every test page gets a fresh context of its own beside it.
  const browser = persistent.browser();
  if (!browser) {
    await persistent.close();
    await removeProfile();
    throw new Error('Chromium started without a browser object; cannot create test contexts');
  }
  return {
    browser,
    async close() {
      try {
        await persistent.close();
      } finally {
        await removeProfile();
      }
    },
  };
}

let running: Promise<Chromium> | undefined;

/** The process's Chromium, started on first use, and again if it went away (a crash). */
function sharedChromium(): Promise<Chromium> {
  if (!running) {
    const starting = startChromium();
    running = starting;
    const forget = () => {
      if (running === starting) running = undefined;
    };
    starting.then(({ browser }) => browser.once('disconnected', forget), forget);
  }
  return running;
}

// Launching Chromium costs about a second of CPU and more of waiting, so one Chromium serves every
// file a test process runs (scripts/test.mjs puts many in one process), each in contexts of its own.
// This hook is registered when a test file first imports this module, at its top level, so it
// belongs to the process's root test and runs once all of the process's tests are done.
after(async () => {
  const ending = running;
  running = undefined;
  if (ending) await (await ending.catch(() => undefined))?.close();
});

/**
 * A new context that carries a session cookie as loginAs gives it (`name=value`), so its pages are
 * logged in: for a test that needs the context itself (several pages, routes, closing it).
 */
export async function contextWithSession(
  browser: TestBrowser,
  url: string,
  cookie: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  // At the first '=' only: the value may hold '=' of its own.
  const at = cookie.indexOf('=');
  const context = await browser.newContext(options);
  await context.addCookies([{ name: cookie.slice(0, at), value: decodeURIComponent(cookie.slice(at + 1)), url }]);
  return context;
}

/** A page in a context as contextWithSession makes it; closing the page closes its context. */
export async function pageWithSession(
  browser: TestBrowser,
  url: string,
  cookie: string,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await contextWithSession(browser, url, cookie, options);
  const page = await context.newPage();
  page.once('close', () => {
    void context.close().catch(() => undefined);
  });
  return page;
}

/**
 * Holds the page's requests matching `url` until the test lets each one go, in the order they were
 * made: for answers that arrive late, after the person has moved on. Call it before the page
 * loads: it also counts, in the page, each answer whose body the page's script has read.
 */
export async function holdRequests(page: Page, url: string | RegExp): Promise<{ next(): Promise<HeldRequest> }> {
  await page.addInitScript(COUNT_ANSWERS_READ);
  const held: Route[] = [];
  const waiting: ((route: Route) => void)[] = [];
  await page.route(url, (route) => {
    const waiter = waiting.shift();
    if (waiter) waiter(route);
    else held.push(route);
  });
  const readsOf = (answered: string) =>
    page.evaluate((u) => (window as unknown as { __answersRead: Record<string, number> }).__answersRead[u] ?? 0, answered);
  const wrap = (route: Route): HeldRequest => ({
    url: route.request().url(),
    async answer() {
      const before = await readsOf(this.url);
      await route.continue();
      // Until the page has read this answer and whatever its script does with it has run.
      for (let n = 0; (await readsOf(this.url)) === before; n++) {
        if (n > 500) throw new Error(`the page never read the answer to ${this.url}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  });
  return {
    next() {
      const route = held.shift();
      if (route) return Promise.resolve(wrap(route));
      return new Promise((resolve) => waiting.push((r) => resolve(wrap(r))));
    },
  };
}

/**
 * In the page: counts, per address, the answers whose body a script has read (json or text), once
 * the script's own handlers of that body have run. Those run as promise reactions as soon as the
 * body is read; the count is made in the task after them, by a message, which a test's fake clock
 * (page.clock) leaves alone. Plain source text: a function of this file would reach the page as
 * tsx compiled it, with helpers that exist only here.
 */
const COUNT_ANSWERS_READ = `(() => {
  const reads = {};
  window.__answersRead = reads;
  for (const name of ['json', 'text']) {
    const read = Response.prototype[name];
    Response.prototype[name] = function () {
      const body = read.call(this);
      const address = this.url;
      const count = () => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          reads[address] = (reads[address] || 0) + 1;
          channel.port1.close();
        };
        channel.port2.postMessage(null);
      };
      body.then(count, count);
      return body;
    };
  }
})();`;

export interface HeldRequest {
  url: string;
  /** Lets the request go and waits until the page has read its answer and acted on it. */
  answer(): Promise<void>;
}

/** Contexts in the process's one Chromium (started on first use); `close` closes the contexts, not Chromium. */
export async function launchBrowser(): Promise<TestBrowser> {
  const { browser } = await sharedChromium();
  const contexts = new Set<BrowserContext>();

  const newContext = async (options: BrowserContextOptions = {}) => {
    const context = await browser.newContext(options);
    contexts.add(context);
    context.once('close', () => contexts.delete(context));
    context.setDefaultTimeout(TIMEOUT_MS);
    context.setDefaultNavigationTimeout(TIMEOUT_MS);
    return context;
  };

  return {
    newContext,
    async newPage(options) {
      const context = await newContext(options);
      const page = await context.newPage();
      page.once('close', () => {
        void context.close().catch(() => undefined);
      });
      return page;
    },
    async close() {
      await Promise.allSettled([...contexts].map((context) => context.close()));
    },
  };
}

/**
 * Runs axe-core on the page as it is now and returns its violations.
 *
 * The site's CSP (`script-src 'self'`) would block an injected inline <script>, so axe's source is
 * evaluated through the DevTools protocol instead, which the page's CSP does not govern; the page
 * keeps its real policy. Throws if axe did not load, so an empty result always means "checked".
 */
export async function runAxe(page: Page, tags: readonly string[] = AXE_TAGS): Promise<AxeViolation[]> {
  const scriptsOff = await page.evaluate(() => {
    const probe = document.createElement('div');
    probe.innerHTML = '<noscript><i></i></noscript>';
    return probe.querySelector('noscript i') !== null;
  });
  return axeViolations(page, tags, scriptsOff);
}

/**
 * Chromium 156 runs no timers and delivers no mutation records in a page whose scripts are off, and
 * axe yields through both, so its run never settled and the whole test run hung. There axe is loaded
 * with its own setTimeout, in which a zero delay is a microtask and a longer one (axe's give-up timers,
 * which only matter when something is stuck) never fires, and without MutationObserver, so that its
 * scheduling falls back on that setTimeout. The page itself is left as it is.
 */
const WITHOUT_TIMERS = (source: string) => `(function (MutationObserver, WebKitMutationObserver, setImmediate, setTimeout, clearTimeout) {
${source}
})(undefined, undefined, undefined, function (callback, delay) {
  if (!(delay > 1)) Promise.resolve().then(function () { callback(); });
  return 0;
}, function () {});`;

async function axeViolations(page: Page, tags: readonly string[], timersDead: boolean): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(timersDead ? WITHOUT_TIMERS(axe.source) : axe.source);
  const version = await page.evaluate(() => (window as unknown as { axe?: { version?: string } }).axe?.version);
  if (version !== axe.version) {
    throw new Error(`axe-core did not load into ${page.url()} (found version ${String(version)}, expected ${axe.version})`);
  }
  return page.evaluate(
    async (values) => {
      const { axe: pageAxe } = window as unknown as { axe: typeof axe };
      // axe judges targets at the scroll position the last step left, and a sticky bar (the post
      // editor's toolbar) then covers whatever happens to sit under it: target-size failed or passed
      // with Playwright's scroll alignment. Checked at the top, where a sticky bar covers nothing, and
      // put back. That focus never lands under the bar is tested in admin-narrow.test.ts.
      const { scrollX, scrollY } = window;
      window.scrollTo({ left: 0, top: 0, behavior: 'instant' });
      try {
        const results = await pageAxe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] });
        return results.violations;
      } finally {
        window.scrollTo({ left: scrollX, top: scrollY, behavior: 'instant' });
      }
    },
    [...tags],
  );
}

/** One line per violation (rule, impact, first offending element, what to fix), for assertion messages. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((violation) => {
      const first = violation.nodes[0];
      const target = first ? JSON.stringify(first.target) : '(no node)';
      const more = violation.nodes.length > 1 ? ` (+${violation.nodes.length - 1} more)` : '';
      const summary = first?.failureSummary ? `\n      ${first.failureSummary.replace(/\n\s*/g, ' ')}` : '';
      return `  - ${violation.id} [${violation.impact ?? 'n/a'}] at ${target}${more}: ${violation.help}${summary}\n      ${violation.helpUrl}`;
    })
    .join('\n');
}
