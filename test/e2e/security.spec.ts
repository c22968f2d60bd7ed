/**
 * Security, end to end, in real Chromium with the REAL DevTools panel (docs/SECURITY.md).
 *
 * a. The page→relay channel cannot be reached or forged by page scripts:
 *    - hostile-forge: a page whose first script hooks everything it can (postMessage, dispatchEvent,
 *      addEventListener, MessageChannel, MessageEvent#ports, a capturing listener for every event
 *      type incl. the handshake's), then opens one real socket and replays, mutates and forges
 *      everything: the panel lists that one socket, as it really is, and nothing else.
 *      What this can prove: whatever a page does AFTER the content scripts ran changes nothing.
 *      What it cannot: a page's first script never runs before the content scripts of its own
 *      document (document_start, both in the manifest), so "a page that runs first" is not
 *      something a test can stage in the same document; the handshake's safety there rests on
 *      that ordering guarantee of the browser.
 *    - hostile-frames: the closest a page gets to running first: it is already running when the
 *      content scripts of a NEW same-origin document start (a frame it made, whose initial
 *      about:blank Window it could touch; srcdoc and about:blank frames, whose realm the
 *      parent's hook takes over).
 *    - hostile-link: the hook's own objects live in the page's realm; the page uses what they
 *      expose to make the hook report what did not happen.
 * b. Page-controlled strings are rendered as text only (hostile-xss): no element, attribute or
 *    script comes from them, no dialog, and the text is visible.
 * c. Diagnostics: junk never reaches the relay from a page (the rejected counter stays absent in
 *    a); the validator's counting is covered by src/protocol/validate.test.ts. The one way found
 *    for a page to make the relay reject something is the hook's own record of close(NaN), below.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { openExtensionPanel, type DevToolsPanel } from '../support/devtools-panel';
import { detailsTab, READ_ROWS, type PanelRow } from '../support/panel-dom';
import type { LoopbackServer } from '../../demo/server';
import { expect, test } from './fixtures';

declare global {
  interface Window {
    hostileDone: Promise<ForgeReport>;
    hostileFrames: Promise<Record<string, FrameResult> & { stolenPorts: number }>;
    hostileLink: Promise<LinkReport>;
    xssDone: Promise<XssReport>;
  }
}

interface ForgeReport {
  failed?: string;
  realUrl: string;
  eventsSeen: number;
  handshakeEventsSeen: number;
  handshakeEventsNotMine: string[];
  eventsWithForeignPorts: string[];
  portsObtained: number;
  foreignPorts: string[];
  evilUrls: string[];
  offersTaken: string[];
  readyDispatches: number;
  replays: number;
  windowPosts: number;
  portPosts: number;
  errors: string[];
}
interface FrameResult {
  taken?: boolean;
  lateOfferTaken?: boolean | null;
  sawReady?: boolean;
  answeredReady?: boolean;
  sawOffer?: boolean;
  stolePort?: boolean;
}
interface LinkReport {
  linkFrom: string[];
  hookRealm: boolean | null;
  observers: string[];
  forgedOnReal: boolean;
  errors: string[];
}
interface XssReport {
  failed?: string;
  payloads: string[];
  sourceUrls: string[];
  protocols: string[];
  functionNames: string[];
  negotiated: string;
  echoes: string[];
  echoClose: { code: number; reason: string };
  closeReasons: string[];
  thrown: string[];
  protocolAttempt: string;
}

const EVIL = 'evil.example';
const TABS = ['Overview', 'Messages', 'Listeners', 'Stacks', 'Flags'] as const;

/** The panel, shown and rendered, with DevTools inspecting a blank page of the server. */
async function openPanel(
  page: Page,
  context: BrowserContext,
  extensionId: string,
  server: LoopbackServer,
): Promise<DevToolsPanel> {
  await page.goto(`${server.origin}/blank.html`);
  const panel = await openExtensionPanel(context, extensionId);
  await panel.waitFor(`document.querySelector('.toolbar') !== null`);
  return panel;
}

/** The text of a details tab once it contains `text`. */
const tabTextWith = (urlPart: string, tab: string, text: string): string =>
  `(async () => { const t = await ${detailsTab(urlPart, tab)}; return t !== null && t.includes(${JSON.stringify(text)}) ? t : null; })()`;
const REJECTED = `document.querySelector('[data-summary="rejected"]')?.textContent ?? null`;

/** Rows once they stopped changing for `quietMs` (late forged batches would land by then). */
async function settledRows(panel: DevToolsPanel, quietMs = 1000): Promise<PanelRow[]> {
  let last = '';
  let since = Date.now();
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; ) {
    const now = JSON.stringify(await panel.evaluate(READ_ROWS));
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return JSON.parse(last) as PanelRow[];
}

// ── a. the channel ────────────────────────────────────────────────────────────────────────
test('a page that hooks everything from its first script and replays, mutates and forges it all gets nothing into the panel', async ({
  inspector,
  server,
}) => {
  const { page, context, extensionId } = inspector;
  const panel = await openPanel(page, context, extensionId, server);
  await page.goto(`${server.origin}/hostile-forge.html`);
  const report = await page.evaluate(() => window.hostileDone);
  expect(report.failed).toBeUndefined();

  // It really tried: ports of its own, replays, forged handshakes, junk everywhere.
  expect(report.portsObtained).toBeGreaterThanOrEqual(4);
  expect(report.replays).toBeGreaterThan(300);
  expect(report.readyDispatches).toBe(100);
  expect(report.windowPosts).toBeGreaterThan(5000);
  expect(report.portPosts).toBeGreaterThan(20000);
  expect(report.handshakeEventsSeen).toBeGreaterThan(0); // its own forgeries, seen by its own listeners
  // What it obtained: no port but its own, no handshake event but its own, no offer taken.
  expect({
    foreignPorts: report.foreignPorts,
    eventsWithForeignPorts: report.eventsWithForeignPorts,
    handshakeEventsNotMine: report.handshakeEventsNotMine,
    offersTaken: report.offersTaken,
    errors: report.errors,
  }).toEqual({ foreignPorts: [], eventsWithForeignPorts: [], handshakeEventsNotMine: [], offersTaken: [], errors: [] });

  // The panel: the one real socket, as it is (open, one message each way), and nothing else.
  await panel.waitFor(tabTextWith('real=1', 'Messages', '↓ 1 received'));
  const rows = await settledRows(panel);
  expect(rows.map((r) => r.url)).toEqual([report.realUrl]);
  expect(rows[0]).toMatchObject({ state: 'open', code: '', reason: '', frame: null });
  const messages = await panel.waitFor<string>(detailsTab('real=1', 'Messages'));
  expect(messages).toContain('↑ 1 sent');
  expect(messages).toContain('↓ 1 received');
  expect(messages).not.toContain('forged');
  // Whatever worked of its ports would show as a row with that port's evil URL: none did.
  expect(report.evilUrls.length).toBe(report.portsObtained);
  expect(rows.filter((r) => r.url.includes(EVIL))).toEqual([]);
  // c. None of its junk reached a relay: nothing was even rejected.
  expect(await panel.evaluate(REJECTED)).toBeNull();
});

test('variant: frames a page made, whose documents start while the page already runs, cannot be handed a forged port', async ({
  inspector,
  server,
}) => {
  const { page, context, extensionId } = inspector;
  const panel = await openPanel(page, context, extensionId, server);
  await page.goto(`${server.origin}/hostile-frames.html`);
  const results = await page.evaluate(() => window.hostileFrames);
  const rows = await settledRows(panel);

  const took = (r: FrameResult | number) =>
    typeof r === 'object' && (r.taken === true || r.lateOfferTaken === true || r.answeredReady === true || r.stolePort === true);
  expect({
    // A forged batch through any port a relay accepted shows up as a row with an evil URL.
    evilRows: rows.filter((r) => r.url.includes(EVIL)).map((r) => `${r.url} (frame ${r.frame ?? 'top'})`),
    // A relay that accepted the page's port, or a hook port the page caught, per variant.
    variantsThatGotThrough: Object.entries(results).filter(([, r]) => took(r)).map(([k, r]) => `${k} ${JSON.stringify(r)}`),
    stolenHookPorts: results.stolenPorts,
    rejected: await panel.evaluate(REJECTED),
  }).toEqual({ evilRows: [], variantsThatGotThrough: [], stolenHookPorts: 0, rejected: null });
});

test('variant: what the hook exposes in the page cannot make it report a socket or events that did not happen', async ({
  inspector,
  server,
}) => {
  const { page, context, extensionId } = inspector;
  const panel = await openPanel(page, context, extensionId, server);
  await page.goto(`${server.origin}/hostile-link.html`);
  const report = await page.evaluate(() => window.hostileLink);
  const rows = await settledRows(panel);
  const messages = await panel.waitFor<string>(detailsTab('real=link', 'Messages'));

  expect(
    {
      rows: rows.map((r) => `${r.url} ${r.state} ${r.code}`.trim()),
      realSocketMessages: messages.match(/↓ \d+ received/)?.[0],
    },
    `the page got the hook's link from ${JSON.stringify(report.linkFrom)}; hookRealm(fake window) = ${report.hookRealm}; observers captured: ${JSON.stringify(report.observers)}`,
  ).toEqual({
    rows: [`ws://127.0.0.1:${server.port}/ws/hold?real=link open`],
    realSocketMessages: '↓ 0 received',
  });
});

// ── b. rendering ──────────────────────────────────────────────────────────────────────────
/**
 * Installed in the panel before any page data arrives: dialogs are counted (the panel's own
 * alert/confirm/prompt/print replaced), CSP violations and every HTML-parsing sink call that
 * carries page text are recorded, and a MutationObserver records every element or attribute
 * ever added that could run code or load something (so a node added and removed again counts).
 */
const GUARDS = `(() => {
  if (window.__guards) return true;
  const g = (window.__guards = { dialogs: [], violations: [], sinks: [], added: [] });
  for (const k of ['alert', 'confirm', 'prompt', 'print']) window[k] = (...a) => { g.dialogs.push(k + ' ' + String(a[0])); };
  document.addEventListener('securitypolicyviolation', (e) => g.violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample));
  const MARK = /onerror|onload|<script|<img|<svg|javascript:|constructor\\.constructor/i;
  const sink = (proto, key) => {
    const d = Object.getOwnPropertyDescriptor(proto, key);
    if (!d) return;
    if (d.set) Object.defineProperty(proto, key, { ...d, set(v) { if (MARK.test(String(v))) g.sinks.push(key + ' = ' + String(v).slice(0, 120)); return d.set.call(this, v); } });
    else if (typeof d.value === 'function') Object.defineProperty(proto, key, { ...d, value(...a) { if (a.some((x) => MARK.test(String(x)))) g.sinks.push(key + '(' + a.map(String).join(', ').slice(0, 120) + ')'); return d.value.apply(this, a); } });
  };
  sink(Element.prototype, 'innerHTML');
  sink(Element.prototype, 'outerHTML');
  sink(Element.prototype, 'insertAdjacentHTML');
  sink(Element.prototype, 'setHTMLUnsafe');
  sink(ShadowRoot.prototype, 'innerHTML');
  sink(Document.prototype, 'write');
  sink(Document.prototype, 'writeln');
  sink(Range.prototype, 'createContextualFragment');
  sink(DOMParser.prototype, 'parseFromString');
  sink(Element.prototype, 'setAttribute');
  const BAD = new Set(['img', 'svg', 'script', 'iframe', 'object', 'embed', 'frame', 'frameset', 'math', 'style', 'link', 'meta', 'base', 'form', 'video', 'audio', 'source', 'template', 'image', 'use', 'a']);
  // The panel sets inline styles of its own (row offsets, timeline positions: numbers only);
  // a style is risky when it could load or run something.
  const risky = (a) => /^on/i.test(a.name) || /^(href|src|srcset|srcdoc|action|formaction|xlink:href|data|poster|background)$/i.test(a.name)
    || (a.name === 'style' && /url\\(|image-set|expression|javascript:|@import|behavior/i.test(a.value));
  const check = (el) => {
    if (BAD.has(el.localName)) g.added.push('element <' + el.localName + '> ' + el.outerHTML.slice(0, 120));
    for (const a of el.attributes) if (risky(a)) g.added.push('attribute ' + a.name + '="' + a.value.slice(0, 80) + '" on <' + el.localName + '>');
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.target.nodeType === 1) {
        const a = r.target.getAttributeNode(r.attributeName);
        if (a && risky(a)) g.added.push('attribute ' + a.name + '="' + a.value.slice(0, 80) + '" set on <' + r.target.localName + '>');
      }
      for (const n of r.addedNodes) if (n.nodeType === 1) [n, ...n.querySelectorAll('*')].forEach(check);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
  return true;
})()`;

/**
 * The panel's DOM now: elements and attributes that could run code or load something, inside the
 * rendered app (#root), and page text in any attribute but the inert ones (title, data-*, aria-*),
 * which hold whole strings as values and are never parsed.
 */
const DOM_PROBLEMS = `(() => {
  const out = [];
  const root = document.getElementById('root') ?? document.body;
  for (const el of [root, ...root.querySelectorAll('*')]) {
    if (/^(img|svg|script|iframe|object|embed|frame|math|style|link|meta|base|form|video|audio|source|template|a)$/.test(el.localName)) out.push('element <' + el.localName + '>');
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) out.push('handler attribute ' + a.name + ' on <' + el.localName + '>');
      if (/^(href|src|srcset|srcdoc|action|formaction|xlink:href|data|poster|background)$/i.test(a.name)) out.push('url attribute ' + a.name + '="' + a.value + '"');
      if (/onerror|onload|javascript:|<script|<img|<svg/i.test(a.value) && !/^(title|aria-[\\w-]+|data-[\\w-]+)$/.test(a.name)) out.push('page text in attribute ' + a.name + '="' + a.value.slice(0, 80) + '"');
    }
  }
  return out;
})()`;

test('page-controlled strings in every field are rendered as text only, in every details tab', async ({ inspector, server }) => {
  const { page, context, extensionId } = inspector;
  const pageDialogs: string[] = [];
  page.on('dialog', (d) => {
    pageDialogs.push(`${d.type()} ${d.message()}`);
    void d.dismiss();
  });
  const panel = await openPanel(page, context, extensionId, server);
  expect(await panel.evaluate(GUARDS)).toBe(true);
  expect(await panel.evaluate(DOM_PROBLEMS)).toEqual([]); // the panel's own DOM is clean

  await page.goto(`${server.origin}/hostile-xss.html`);
  const report = await page.evaluate(() => window.xssDone);
  expect(report.failed).toBeUndefined();
  const P = report.payloads;
  // The page did what the test says: the server closed with each payload as the reason, the
  // echoes came back, and the browser refused markup as a subprotocol (nothing to record).
  expect(report.closeReasons).toEqual(P);
  expect(report.echoes).toEqual(P);
  expect(report.protocolAttempt).toBe('SyntaxError');
  expect(report.thrown).toEqual([`${P[3]}: ${P[1]}`, 'SyntaxError']);

  // echo + 5 server closes + the rejected close; nothing from the refused constructor.
  const rows = await panel.waitFor<PanelRow[]>(
    `(async () => { const rows = await ${READ_ROWS}; return rows.length === 7 && rows.filter((r) => r.state === 'closed').length === 6 ? rows : null; })()`,
    { timeoutMs: 15_000 },
  );
  expect(rows.some((r) => r.url.includes('protocol-attempt'))).toBe(false);

  // The reason cells show each payload as plain text.
  for (let i = 0; i < P.length; i++) {
    const row = rows.find((r) => r.url.includes(`&i=${i}`));
    expect(row?.reason, `reason of socket ${i}`).toBe(P[i]);
  }

  // Every details tab of every socket, with the DOM checked after each.
  const texts: Record<string, Record<string, string>> = {};
  const parts = ['/ws/echo?p=', ...P.map((_, i) => `&i=${i}`), 'rejected-close'];
  for (const part of parts) {
    texts[part] = {};
    for (const tab of TABS) {
      const text = await panel.waitFor<string>(detailsTab(part, tab));
      texts[part]![tab] = text;
      expect(await panel.evaluate(DOM_PROBLEMS), `${part} ${tab}`).toEqual([]);
    }
  }

  // The text is there: rendering it as text is what kept it inert, not leaving it out.
  const echo = texts['/ws/echo?p=']!;
  for (const p of P) {
    expect(echo.Messages, 'message previews').toContain(p);
    expect(echo.Listeners, 'listener event types').toContain(p);
    expect(echo.Flags, 'the listeners-left flag names them').toContain(p);
  }
  expect(echo.Overview).toContain("'onerror'"); // requested and negotiated subprotocol tokens
  expect(echo.Overview).toContain('`alert`');
  expect(echo.Stacks, 'function name in the creation stack').toContain(report.functionNames[0]);
  expect(echo.Stacks, 'script URL in the creation stack').toContain(report.sourceUrls[0]);
  const closing = texts['&i=0']!;
  expect(closing.Overview).toContain(P[0]);
  expect(closing.Stacks).toContain(report.functionNames[1]);
  expect(closing.Stacks).toContain(report.sourceUrls[1]);
  const rejected = texts['rejected-close']!;
  expect(rejected.Flags, 'error name and message').toContain(`threw ${P[3]}: ${P[1]}`);
  expect(rejected.Overview).toContain(`close() rejected: ${P[3]}`);
  expect(rejected.Stacks).toContain(`close() rejected (${P[3]}) at`);

  // Follow every stack link (devtools.panels.openResource with page-chosen URLs, javascript:
  // included), on the sockets whose stacks carry them.
  for (const part of ['/ws/echo?p=', '&i=0']) {
    await panel.waitFor(detailsTab(part, 'Stacks'));
    const clicked = await panel.evaluate<number>(
      `(() => { const links = [...document.querySelectorAll('.details-body .source-link')]; links.forEach((b) => b.click()); return links.length; })()`,
    );
    expect(clicked).toBeGreaterThan(0);
  }
  // The links with a real script URL open it in Sources: wait for that, not for a fixed time.
  await expect
    .poll(() =>
      panel.evaluateInDevTools<string>(
        `(async () => (await import('./ui/legacy/legacy.js')).InspectorView.InspectorView.instance().tabbedPane.selectedTabId)()`,
      ),
    )
    .toBe('sources');

  const guards = await panel.evaluate<{ dialogs: string[]; violations: string[]; sinks: string[]; added: string[] }>(`window.__guards`);
  expect(guards).toEqual({ dialogs: [], violations: [], sinks: [], added: [] });
  expect(await panel.evaluate(`typeof window.__pwned`)).toBe('undefined');
  expect(await panel.evaluateInDevTools(`typeof window.__pwned`)).toBe('undefined');
  expect(await page.evaluate(() => typeof (window as { __pwned?: unknown }).__pwned)).toBe('undefined');
  expect(pageDialogs).toEqual([]);
  expect(context.pages()).toHaveLength(1); // no tab opened for a javascript: URL
});

// ── c. diagnostics ────────────────────────────────────────────────────────────────────────
test("close(NaN) is recorded like any rejected close(), not dropped by the relay as malformed", async ({ inspector, server }) => {
  const { page, context, extensionId } = inspector;
  const panel = await openPanel(page, context, extensionId, server);
  const thrown = await page.evaluate(async (base) => {
    const out: string[] = [];
    for (const [tag, code] of [['nan', NaN], ['infinity', Infinity]] as const) {
      const ws = new WebSocket(`${base}/ws/hold?${tag}`);
      await new Promise((r) => ws.addEventListener('open', r, { once: true }));
      try {
        ws.close(code);
      } catch (err) {
        out.push(`${tag}: ${(err as Error).name}`);
      }
    }
    return out;
  }, server.wsOrigin);
  expect(thrown).toEqual(['nan: InvalidAccessError', 'infinity: InvalidAccessError']);
  await panel.waitFor(`(async () => { const rows = await ${READ_ROWS}; return rows.find((r) => r.url.includes('infinity'))?.flags.includes('close rejected'); })()`);
  const rows = await settledRows(panel);
  expect({
    flags: rows.map((r) => `${r.url.split('?')[1]}: ${r.flags.join(', ')}`),
    rejected: await panel.evaluate(REJECTED),
  }).toEqual({ flags: ['nan: close rejected', 'infinity: close rejected'], rejected: null });
});

// The hook's events are objects of the page's realm, so they inherit the page's Object.prototype;
// a close() by the page has no `origin` key. Were the relay to read them as they are, an
// inherited `origin` getter would make the page's own close() look like the inspector's.
test("the page's Object.prototype cannot add fields to what the relay reads from the hook", async ({ inspector, server }) => {
  const { page, context, extensionId } = inspector;
  const panel = await openPanel(page, context, extensionId, server);
  await page.evaluate(async (base) => {
    for (const key of ['origin', 'error', 'stack']) {
      Object.defineProperty(Object.prototype, key, { get: () => (key === 'origin' ? 'inspector' : 'forged'), configurable: true });
    }
    const ws = new WebSocket(`${base}/ws/hold?polluted`);
    await new Promise((r) => ws.addEventListener('open', r, { once: true }));
    ws.close(4000, 'by the page');
  }, server.wsOrigin);
  await panel.waitFor(`(async () => { const rows = await ${READ_ROWS}; return rows.find((r) => r.url.includes('polluted'))?.state === 'closed'; })()`);
  const [row] = await settledRows(panel);
  expect(row).toMatchObject({ code: '4000 application (4000–4999)', reason: 'by the page', initiator: 'page' });
  expect(await panel.evaluate(REJECTED)).toBeNull();
});
