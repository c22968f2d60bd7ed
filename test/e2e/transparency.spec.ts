/**
 * "The page must notice nothing": test/pages/transparency.html observes everything a page can
 * see of WebSocket (test/pages/transparency-probe.js). It runs in Chromium without the extension
 * and with it (DevTools closed), and the two observations must be deeply equal.
 *
 * Differences that cannot be removed, and how they are excluded (narrowly, nothing else is):
 *
 * 1. Stack text of an error created while one of the hook's functions is on the stack (an
 *    exception thrown by the native close()/send()/addEventListener inside the hook's wrapper,
 *    or by page code the browser calls from inside it, such as a page `toString`). V8 lists every
 *    JavaScript frame, and the hook's wrapper is one: its lines name
 *    `chrome-extension://<id>/extension/page/hook.iife.js`. Because `Error.stackTraceLimit` (10)
 *    counts those frames too, the page's outermost frames can be cut by as many lines.
 *    Excluded: in `stacks.texts` of the run with the extension, lines naming the extension's
 *    own URL are dropped, and the remaining lines must equal the first lines of the native stack,
 *    with at most as many native lines missing at the end as hook lines were dropped.
 * 2. The same frames as `CallSite`s passed to a page's `Error.prepareStackTrace`
 *    (`stacks.callsites`). Excluded the same way, by file name; the dropped call sites must not
 *    give the page the hook's functions or `this` (`getFunction()`/`getThis()` undefined: the
 *    hook is strict-mode code).
 * 3. `WebSocket.caller = value` (assigning a function's legacy `caller`/`arguments`): V8's accessor
 *    for them receives the Proxy as `this` and throws, where the native constructor ignores the
 *    assignment. Only a `set` trap could pass the native as receiver, and any `set` trap changes
 *    the TypeError a strict-mode page gets from a failed assignment (`WebSocket.OPEN = 5` would
 *    report "'set' on proxy: trap returned falsish" instead of "Cannot assign to read only
 *    property"), which is far likelier on a real page. Excluded: `constructor.assignCaller`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, findChromium } from '../support/browsers';
import { launchWithExtension } from '../support/extension-browser';
import { READ_ROWS, type PanelRow } from '../support/panel-dom';
import { DIST_CHROME, expect, test } from './fixtures';
import { differences, type Json, type Observation } from '../support/observation-diff';


declare global {
  interface Window {
    observe(): Promise<Observation>;
    probeSocketUrls(): string[];
  }
}

async function observe(page: Page, url: string): Promise<Observation> {
  await page.goto(url);
  const json = await page.evaluate(() => window.observe().then((o) => JSON.stringify(o)));
  return JSON.parse(json) as Observation;
}

/** Chromium as launchWithExtension starts it, minus the extension. */
async function launchPlain(): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'wsli-plain-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: findChromium(),
    headless: true,
    args: [...CHROMIUM_FLAGS],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}

/** Exclusions 1 to 3 above; returns what was excluded, for the report. */
function excludeKnown(without: Observation, withExt: Observation, ownUrl: string): string[] {
  const excluded: string[] = [];
  const ctorWith = withExt['constructor'] as Record<string, Json>;
  const ctorWithout = without['constructor'] as Record<string, Json>;
  if (JSON.stringify(ctorWith['assignCaller']) !== JSON.stringify(ctorWithout['assignCaller'])) {
    excluded.push(`constructor.assignCaller: ${JSON.stringify(ctorWithout['assignCaller'])} → ${JSON.stringify(ctorWith['assignCaller'])}`);
    ctorWith['assignCaller'] = ctorWithout['assignCaller'] ?? null;
  }
  const stacksWith = withExt['stacks'] as { texts: Record<string, string[]>; callsites: Record<string, Json[]> };
  const stacksWithout = without['stacks'] as typeof stacksWith;
  for (const [label, lines] of Object.entries(stacksWith.texts)) {
    const native = stacksWithout.texts[label] ?? [];
    const kept = lines.filter((l) => !l.includes(ownUrl));
    const dropped = lines.length - kept.length;
    if (dropped === 0) continue;
    const missing = native.length - kept.length;
    const prefix = native.slice(0, kept.length);
    if (missing >= 0 && missing <= dropped && JSON.stringify(prefix) === JSON.stringify(kept)) {
      stacksWith.texts[label] = native;
      excluded.push(`stacks.texts.${label}: ${dropped} hook frame(s), ${missing} outer page frame(s) cut by stackTraceLimit`);
    }
  }
  for (const [label, sites] of Object.entries(stacksWith.callsites)) {
    const native = stacksWithout.callsites[label] ?? [];
    const isOwn = (s: Json): boolean => typeof s === 'object' && s !== null && !Array.isArray(s) && String(s['file']).startsWith(ownUrl);
    const own = sites.filter(isOwn);
    if (own.length === 0) continue;
    for (const s of own) {
      const site = s as Record<string, Json>;
      expect.soft(site['fnType'], `the hook's call site in ${label} must not expose its function`).toBe('undefined');
      expect.soft(site['thisType'], `the hook's call site in ${label} must not expose its this`).toBe('undefined');
    }
    const kept = sites.filter((s) => !isOwn(s));
    const missing = native.length - kept.length;
    if (missing >= 0 && missing <= own.length && JSON.stringify(native.slice(0, kept.length)) === JSON.stringify(kept)) {
      stacksWith.callsites[label] = native;
      excluded.push(`stacks.callsites.${label}: ${own.length} hook call site(s)`);
    }
  }
  return excluded;
}

test('a page sees WebSocket exactly as without the extension (Chromium)', async ({ server }) => {
  test.setTimeout(90_000);
  const url = `${server.origin}/transparency.html`;
  const plain = await launchPlain();
  const inspected = await launchWithExtension({ extensionDir: DIST_CHROME, devtools: false });
  try {
    const started = Date.now();
    const [without, withExt] = await Promise.all([observe(plain.page, url), observe(inspected.page, url)]);
    const elapsed = Date.now() - started;

    // The hook really is there: every socket the probe made appears in the extension's panel.
    const worker = inspected.context.serviceWorkers()[0] ?? (await inspected.context.waitForEvent('serviceworker'));
    const tabs = await worker.evaluate(() => chrome.tabs.query({}));
    expect(tabs).toHaveLength(1);
    const panel = await inspected.context.newPage();
    await panel.goto(`chrome-extension://${inspected.extensionId}/extension/panel/panel.html?tabId=${tabs[0]!.id}`);
    const made = await inspected.page.evaluate(() => window.probeSocketUrls());
    const expected = new Map<string, number>();
    for (const u of made) expected.set(u, (expected.get(u) ?? 0) + 1);
    // Soft, so that one run reports both this and the comparison below.
    await expect
      .configure({ soft: true })
      .poll(
        async () => {
          const rows = (await panel.evaluate(READ_ROWS)) as PanelRow[];
          const seen = new Map<string, number>();
          for (const r of rows) seen.set(r.url, (seen.get(r.url) ?? 0) + 1);
          return [...expected].filter(([u, n]) => (seen.get(u) ?? 0) < n).map(([u, n]) => `${u} ×${n - (seen.get(u) ?? 0)}`);
        },
        { message: 'sockets the probe made but the panel does not list', timeout: 15_000 },
      )
      .toEqual([]);
    expect.soft(made.length).toBeGreaterThan(50);

    const excluded = excludeKnown(without, withExt, `chrome-extension://${inspected.extensionId}/`);
    test.info().annotations.push(
      { type: 'probe time (both browsers in parallel)', description: `${elapsed} ms` },
      { type: 'excluded', description: excluded.join('\n') || '(nothing)' },
    );
    await writeFile(test.info().outputPath('observations.json'), JSON.stringify({ without, withExt, excluded }, null, 1));
    const diff = differences(without, withExt);
    expect(diff, `the page noticed the extension:\n${diff.join('\n')}`).toEqual([]);
    expect(withExt).toEqual(without);
  } finally {
    await Promise.all([plain.close(), inspected.close()]);
  }
});
