/**
 * The four browser set-ups the benchmark compares, and a way to wait until they are idle.
 *
 *   plain        no extension, DevTools closed
 *   ext          the extension, DevTools closed           (the cost on every page a user browses)
 *   plain+dt     no extension, DevTools open (its default panel)
 *   ext+panel    the extension, DevTools open on its WebSockets panel (the cost while inspecting)
 *
 * All four are the same Chromium binary with the same flags (test/support/browsers.ts) and a
 * fresh profile, launched the same way (Playwright persistent context); only the extension and
 * `--auto-open-devtools-for-tabs` differ.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, findChromium } from '../../test/support/browsers';
import { openExtensionPanel, type DevToolsPanel } from '../../test/support/devtools-panel';
import { launchWithExtension } from '../../test/support/extension-browser';
import { CdpBridge, sleep, type Target } from './cdp';

export type ConfigName = 'plain' | 'ext' | 'plain+dt' | 'ext+panel';

export const CONFIG_LABEL: Record<ConfigName, string> = {
  plain: 'no extension, DevTools closed',
  ext: 'extension, DevTools closed',
  'plain+dt': 'no extension, DevTools open',
  'ext+panel': 'extension, its panel open',
};

export interface BenchBrowser {
  readonly name: ConfigName;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly extensionId: string | null;
  /** Browser-level CDP (SystemInfo, Target.*), raw sessions to other targets. */
  readonly cdp: CdpBridge;
  /** The real DevTools panel, once `showPanel` ran (ext+panel only). */
  panel: DevToolsPanel | null;
  /** Raw CDP session on the panel's iframe (ext+panel only, after showPanel). */
  panelTarget: Target | null;
  version: string;
  close(): Promise<void>;
}

export async function launch(name: ConfigName, extensionDir: string): Promise<BenchBrowser> {
  const devtools = name === 'plain+dt' || name === 'ext+panel';
  let context: BrowserContext;
  let page: Page;
  let extensionId: string | null = null;
  let closeIt: () => Promise<void>;
  if (name === 'ext' || name === 'ext+panel') {
    const b = await launchWithExtension({ extensionDir, devtools });
    context = b.context;
    page = b.page;
    extensionId = b.extensionId;
    closeIt = b.close;
  } else {
    const userDataDir = await mkdtemp(join(tmpdir(), 'wsli-bench-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: findChromium(),
      headless: true,
      args: [...CHROMIUM_FLAGS, ...(devtools ? ['--auto-open-devtools-for-tabs'] : [])],
    });
    page = context.pages()[0] ?? (await context.waitForEvent('page'));
    closeIt = async () => {
      await context.close().catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    };
  }
  const browser = context.browser();
  if (browser === null) throw new Error('Playwright gave no Browser for the persistent context');
  const cdp = await CdpBridge.forBrowser(browser);
  let closed: Promise<void> | undefined;
  const handle: BenchBrowser = {
    name,
    context,
    page,
    extensionId,
    cdp,
    panel: null,
    panelTarget: null,
    version: browser.version(),
    close: () =>
      (closed ??= (async () => {
        await handle.panel?.detach().catch(() => undefined);
        await cdp.dispose();
        await closeIt();
      })()),
  };
  return handle;
}

/**
 * Shows the extension's panel in DevTools (the page must have been navigated first) and attaches
 * a raw CDP session to the panel's frame.
 */
export async function showPanel(b: BenchBrowser): Promise<DevToolsPanel> {
  if (b.extensionId === null) throw new Error(`${b.name}: no extension`);
  if (b.panel) return b.panel;
  const panel = await openExtensionPanel(b.context, b.extensionId, { timeoutMs: 30_000 });
  await panel.waitFor(`document.querySelector('.toolbar') !== null`, { timeoutMs: 20_000 });
  const info = await b.cdp.findTarget((t) => t.type === 'iframe' && t.url === panel.url, `panel frame ${panel.url}`);
  b.panel = panel;
  b.panelTarget = await b.cdp.attach(info.targetId);
  return panel;
}

/** The extension's service worker (background), as a raw CDP target. */
export async function serviceWorkerTarget(b: BenchBrowser): Promise<Target> {
  const origin = `chrome-extension://${b.extensionId ?? '?'}/`;
  const info = await b.cdp.findTarget((t) => t.type === 'service_worker' && t.url.startsWith(origin), 'extension service worker');
  return b.cdp.attach(info.targetId);
}

async function cpuSeconds(session: CDPSession): Promise<number> {
  const r = (await session.send('SystemInfo.getProcessInfo' as 'Browser.getVersion')) as unknown as {
    processInfo: Array<{ cpuTime: number }>;
  };
  return r.processInfo.reduce((sum, p) => sum + p.cpuTime, 0);
}

export interface QuietOptions {
  /** Length of the window that must be quiet. */
  windowMs?: number;
  /** Share of one core all processes of all the browsers may use together in that window. */
  maxCpuShare?: number;
  timeoutMs?: number;
}

/**
 * Waits until every process of every given browser together is (nearly) idle: a burst leaves the
 * extension's relay/panel, or DevTools' own network log, busy after the page is done, and that
 * work must not leak into the next measurement. Returns how long the browsers stayed busy (ms)
 * and whether they went quiet at all before the timeout.
 */
export async function waitQuiet(browsers: readonly BenchBrowser[], opts: QuietOptions = {}): Promise<{ busyMs: number; quiet: boolean }> {
  const windowMs = opts.windowMs ?? 300;
  const maxCpu = (opts.maxCpuShare ?? 0.1) * (windowMs / 1000);
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const start = Date.now();
  const total = async (): Promise<number> => {
    let sum = 0;
    for (const b of browsers) sum += await cpuSeconds(b.cdp.root);
    return sum;
  };
  let before = await total();
  let windowStart = Date.now();
  for (;;) {
    await sleep(windowMs);
    const after = await total();
    if (after - before <= maxCpu) return { busyMs: windowStart - start, quiet: true };
    if (Date.now() - start > timeoutMs) return { busyMs: Date.now() - start, quiet: false };
    before = after;
    windowStart = Date.now();
  }
}
