/**
 * Launch Chromium with an unpacked extension loaded, in a throwaway profile.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, findChromium } from './browsers';

export interface LaunchWithExtensionOptions {
  /** Directory holding the unpacked extension's manifest.json (e.g. the build output). */
  extensionDir: string;
  /** Open DevTools for every tab (`--auto-open-devtools-for-tabs`); needed for `openExtensionPanel`. */
  devtools: boolean;
  /** New headless mode by default (extensions and DevTools work in it); false for a visible window. */
  headless?: boolean;
  /** Keep Chromium's back/forward cache, which Playwright turns off by default. */
  backForwardCache?: boolean;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  /** The extension's id (host of its chrome-extension:// URLs). */
  extensionId: string;
  /**
   * The context's first tab. Navigate this one rather than opening new tabs: with `devtools: true`
   * each tab gets its own DevTools window, and the panel helper looks for this tab's.
   */
  page: Page;
  /** Closes the browser and deletes the temporary profile. Safe to call twice. */
  close(): Promise<void>;
}

export async function launchWithExtension(opts: LaunchWithExtensionOptions): Promise<ExtensionBrowser> {
  const extensionDir = resolve(opts.extensionDir);
  const userDataDir = await mkdtemp(join(tmpdir(), 'wsli-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: findChromium(),
      headless: opts.headless ?? true,
      ...(opts.backForwardCache ? { ignoreDefaultArgs: ['--disable-back-forward-cache'] } : {}),
      args: [
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        ...CHROMIUM_FLAGS,
        ...(opts.devtools ? ['--auto-open-devtools-for-tabs'] : []),
      ],
    });
  } catch (err) {
    await rm(userDataDir, { recursive: true, force: true });
    throw err;
  }

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      try {
        await context.close();
      } finally {
        // Chromium may still be flushing the profile for a moment after close; retry a little.
        await rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      }
    })());

  try {
    // MV3: the extension's service worker URL is chrome-extension://<id>/<worker>.js.
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const extensionId = new URL(worker.url()).host;
    const page = context.pages()[0] ?? (await context.waitForEvent('page', { timeout: 15_000 }));
    return { context, extensionId, page, close };
  } catch (err) {
    await close();
    throw new Error(
      `Chromium started but the extension in ${extensionDir} did not come up (does its manifest declare ` +
        `a background.service_worker?): ${String(err)}`,
    );
  }
}
