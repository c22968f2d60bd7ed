/**
 * The extension side of the add-on in Firefox, for end-to-end tests over WebDriver BiDi.
 *
 * Every piece of knowledge about Firefox internals used by the Firefox tests lives in this file,
 * so that a Firefox update that moves things is a one-place fix. Checked on Firefox ESR 153.
 *
 * How we reach the extension side:
 *
 * 1. Firefox is started with the env var `MOZ_REMOTE_ALLOW_SYSTEM_ACCESS=1` (read once by
 *    RemoteAgent.sys.mjs). It changes nothing for the add-on itself; it lifts two limits of the
 *    remote agent:
 *    - `browsingContext.getTree({ 'moz:scope': 'chrome' })` lists the browser window
 *      (chrome://browser/content/browser.xhtml) and `script.evaluate` runs there with chrome
 *      privileges (`ChromeUtils`, `Services`, `gBrowser`, `WebExtensionPolicy` are in scope).
 *    - `browsingContext.navigate` accepts moz-extension:// URLs. Without system access it throws
 *      "Navigation to … is not allowed in this context" (root/browsingContext.sys.mjs checks
 *      `isWebdriverSafeNavigationURL` unless `RemoteAgent.allowSystemAccess`).
 * 2. The panel page is opened as an ordinary top-level page: `browsingContext.create({ type:
 *    'window' })`, then navigate it to `moz-extension://<uuid>/extension/panel/panel.html?tabId=N`.
 *    It loads in the extension process with the extension's principal, exactly as a tab the
 *    add-on opened itself would, and `script.evaluate` with that context as the target reads its
 *    DOM. A new *window*, not a tab: like a page beside its DevTools, both stay visible. In a
 *    background tab Firefox clamps the page's timers to 1 s (the hook batches with a 16 ms
 *    setTimeout: every live update took ~1 s), and a hidden panel's requestAnimationFrame (which
 *    it renders with) is paused or throttled.
 *    Why it works although BiDi "does not support extension contexts" (Bug 1755014):
 *    `isBrowsingContextCompatible` (shared/BrowsingContextUtils.sys.mjs) skips addon-principal
 *    documents when the remote agent *broadcasts* (realm lists, events, preload scripts) or sets
 *    up handlers as windows are created; a command aimed at one context id is handled by that
 *    window's MessageHandlerFrame actor without that filter (measured, and read in the source).
 *    So: no `script.realmCreated` events and no `script.getRealms` entries for the panel; poll
 *    it with `script.evaluate` instead.
 * 3. The tab id the extension sees (`sender.tab.id` in the background, which the panel must be
 *    given as `?tabId=`) comes from chrome scope: BiDi context id → BrowsingContext through the
 *    remote agent's `NavigableManager.getBrowsingContextById` (older Firefox versions had it on
 *    `TabManager`: tried as a fallback, not verified here) → its `<browser>`
 *    (`top.embedderElement`) → the `<tab>` (`ownerDocument.defaultView.gBrowser.getTabForBrowser`;
 *    `ownerGlobal` is undefined from a BiDi evaluation) → `extension.tabManager.getWrapper(tab).id`,
 *    where `extension = WebExtensionPolicy.getByID(addonId).extension` (the parent-process
 *    Extension object; the same one `ExtensionParent.GlobalManager.getExtension(id)` returns).
 * 4. Manifest warnings: Firefox collects "Reading manifest: Warning processing …" messages in
 *    `extension.warnings` while it normalizes the manifest at install, non-fatal manifest errors
 *    in `extension.errors` (smoke.spec.ts checks that the probe does see a planted warning).
 *    `AddonManager.getAddonByID(id)` tells whether the add-on is installed as a temporary add-on
 *    and active.
 */
import { distDir } from './dist';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findFirefox } from './browsers';
import { launchFirefox, type FirefoxSession, type PrefValue } from './firefox-bidi';

/** The Firefox build of the extension (written by `npm run build`). */
export const FIREFOX_DIST = distDir('firefox');

/** The panel page inside the extension, as `devtools.panels.create` is given it. */
export const PANEL_PATH = 'extension/panel/panel.html';

/** Throws a message that says what to do when the Firefox build is missing. */
export function requireFirefoxBuild(dir: string = FIREFOX_DIST): string {
  const manifest = path.join(dir, 'manifest.json');
  if (!existsSync(manifest)) {
    throw new Error(`${manifest} is missing: run \`npm run build\` first (\`npm test\` builds before testing).`);
  }
  return manifest;
}

export interface AddonState {
  id: string;
  version: string;
  /** Installed with `temporarilyInstalled` (like about:debugging's "Load Temporary Add-on"). */
  temporarilyInstalled: boolean;
  isActive: boolean;
  /** Manifest warnings, e.g. `Reading manifest: Warning processing foo: An unexpected property …`. */
  warnings: string[];
  /** Non-fatal manifest errors. */
  errors: string[];
}

export interface ExtensionPageWaitOptions {
  /** Default 10 000 ms. */
  timeoutMs?: number;
  /** Default 50 ms. */
  intervalMs?: number;
}

/** An extension page opened as a top-level page (the panel page, when not inside DevTools). */
export interface ExtensionPage {
  /** Its top-level BiDi browsing context id. */
  readonly contextId: string;
  readonly url: string;
  /** `script.evaluate` in the page (extension principal). */
  evaluate<T = unknown>(expression: string): Promise<T>;
  /** Polls `expression` until truthy; on timeout the error carries the page's visible text. */
  waitFor<T = unknown>(expression: string, opts?: ExtensionPageWaitOptions): Promise<T>;
}

export interface FirefoxWithExtension {
  readonly session: FirefoxSession;
  /** The add-on id (gecko id from the manifest). */
  readonly extensionId: string;
  /** `moz-extension://<uuid>/` (the UUID is pinned by launchFirefox). */
  readonly extensionBaseUrl: string;
  /** The directory Firefox loaded the add-on from (by default a snapshot of the build: see `snapshot`). */
  readonly extensionDir: string;
  /** Evaluates in the browser window with chrome privileges. */
  chromeEval<T = unknown>(expression: string): Promise<T>;
  /** The installed add-on as Firefox sees it, with its manifest warnings. */
  addonState(): Promise<AddonState>;
  /** The tab id the extension uses for the tab of this BiDi context (default: the first tab). */
  extensionTabId(contextId?: string): Promise<number>;
  /** Opens `moz-extension://<uuid>/<pathAndQuery>` in a new window (see the header: why not a tab). */
  openExtensionPage(pathAndQuery: string): Promise<ExtensionPage>;
  /** Opens the panel page for the tab of `contextId` (default: the first tab), `?tabId=<its extension tab id>`. */
  openPanelFor(contextId?: string): Promise<ExtensionPage>;
  close(): Promise<void>;
}

export interface LaunchWithExtensionOptions {
  /** Default: dist/firefox. */
  extensionDir?: string;
  /**
   * Default true: install a copy of the build, taken at launch. Firefox reads a temporary
   * add-on's files lazily from its directory, so a `npm run build` running meanwhile (vite
   * empties dist/ first) would otherwise break a test halfway with missing assets.
   */
  snapshot?: boolean;
  prefs?: Record<string, PrefValue>;
}

/** Firefox ESR with the add-on installed as a temporary add-on, and chrome-scope access. */
export async function launchFirefoxWithExtension(opts: LaunchWithExtensionOptions = {}): Promise<FirefoxWithExtension> {
  const sourceDir = path.resolve(opts.extensionDir ?? FIREFOX_DIST);
  requireFirefoxBuild(sourceDir);
  // Throws (never skips) with install instructions when no Firefox is found.
  const executablePath = findFirefox();

  let snapshotRoot: string | undefined;
  let extensionDir = sourceDir;
  if (opts.snapshot ?? true) {
    snapshotRoot = await mkdtemp(path.join(tmpdir(), 'wsli-firefox-ext-'));
    extensionDir = path.join(snapshotRoot, 'extension');
    await cp(sourceDir, extensionDir, { recursive: true });
  }
  const removeSnapshot = async (): Promise<void> => {
    if (snapshotRoot !== undefined) await rm(snapshotRoot, { recursive: true, force: true, maxRetries: 3 });
  };

  let session: FirefoxSession;
  try {
    session = await launchFirefox({
      executablePath,
      extensionDir,
      env: { MOZ_REMOTE_ALLOW_SYSTEM_ACCESS: '1' },
      ...(opts.prefs !== undefined ? { prefs: opts.prefs } : {}),
    });
  } catch (err) {
    await removeSnapshot();
    throw err;
  }

  const fail = async (message: string): Promise<never> => {
    const tail = session.outputTail();
    await session.close().catch(() => undefined);
    await removeSnapshot();
    throw new Error(`${message}\n--- firefox output (tail) ---\n${tail || '(none)'}`);
  };

  const { extensionId, extensionBaseUrl } = session;
  if (extensionId === undefined || extensionBaseUrl === undefined) {
    return fail(
      `the add-on in ${sourceDir} was installed without a known moz-extension:// UUID ` +
        `(id ${String(extensionId)}): its manifest needs browser_specific_settings.gecko.id`,
    );
  }

  // The browser window (browser.xhtml): only listed with system access, with moz:scope 'chrome'.
  let chromeContextId: string;
  try {
    const tree = await session.send<{ contexts: Array<{ context: string; url: string }> }>('browsingContext.getTree', {
      'moz:scope': 'chrome',
      maxDepth: 0,
    });
    const win = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
    if (win === undefined) throw new Error(`no browser.xhtml among ${JSON.stringify(tree.contexts)}`);
    chromeContextId = win.context;
  } catch (err) {
    return fail(
      `could not reach Firefox's chrome scope (is MOZ_REMOTE_ALLOW_SYSTEM_ACCESS honoured?): ${err instanceof Error ? err.message : String(err)}`,
    );
  }

  const idJson = JSON.stringify(extensionId);
  const chromeEval = <T = unknown>(expression: string): Promise<T> =>
    session.evaluate<T>(expression, { contextId: chromeContextId });

  const addonState = (): Promise<AddonState> =>
    chromeEval<AddonState>(`(async () => {
      const { AddonManager } = ChromeUtils.importESModule('resource://gre/modules/AddonManager.sys.mjs');
      const addon = await AddonManager.getAddonByID(${idJson});
      if (!addon) throw new Error('AddonManager does not know ' + ${idJson});
      const extension = WebExtensionPolicy.getByID(${idJson})?.extension;
      if (!extension) throw new Error('no running WebExtension for ' + ${idJson});
      return {
        id: addon.id,
        version: addon.version,
        temporarilyInstalled: addon.temporarilyInstalled,
        isActive: addon.isActive,
        warnings: [...(extension.warnings ?? [])].map(String),
        errors: [...(extension.errors ?? [])].map(String),
      };
    })()`);

  const extensionTabId = (contextId: string = session.contextId): Promise<number> =>
    chromeEval<number>(`(() => {
      const id = ${JSON.stringify(contextId)};
      const lookup = (url, name) => {
        try { return ChromeUtils.importESModule(url)[name]?.getBrowsingContextById?.(id) ?? null; } catch { return null; }
      };
      const bc =
        lookup('chrome://remote/content/shared/NavigableManager.sys.mjs', 'NavigableManager') ??
        lookup('chrome://remote/content/shared/TabManager.sys.mjs', 'TabManager');
      if (!bc) throw new Error('no browsing context for BiDi context ' + id);
      const browser = bc.top.embedderElement;
      const tab = browser?.ownerDocument?.defaultView?.gBrowser?.getTabForBrowser(browser);
      if (!tab) throw new Error('BiDi context ' + id + ' is not in a tab');
      const extension = WebExtensionPolicy.getByID(${idJson})?.extension;
      if (!extension) throw new Error('no running WebExtension for ' + ${idJson});
      return extension.tabManager.getWrapper(tab).id;
    })()`);

  const openExtensionPage = async (pathAndQuery: string): Promise<ExtensionPage> => {
    const url = new URL(pathAndQuery.replace(/^\//, ''), extensionBaseUrl).href;
    const { context } = await session.send<{ context: string }>('browsingContext.create', { type: 'window' });
    await session.navigate(url, { contextId: context });
    const evaluate = <T = unknown>(expression: string): Promise<T> => session.evaluate<T>(expression, { contextId: context });
    const waitFor = async <T = unknown>(expression: string, waitOpts: ExtensionPageWaitOptions = {}): Promise<T> => {
      try {
        return await session.waitFor<T>(expression, {
          contextId: context,
          timeoutMs: waitOpts.timeoutMs ?? 10_000,
          intervalMs: waitOpts.intervalMs ?? 50,
        });
      } catch (err) {
        const text = await evaluate<string>(`document.body?.innerText ?? ''`).catch((e: unknown) => `(unreadable: ${String(e)})`);
        throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- ${url} shows ---\n${text.slice(0, 3000)}`);
      }
    };
    return { contextId: context, url, evaluate, waitFor };
  };

  const openPanelFor = async (contextId: string = session.contextId): Promise<ExtensionPage> => {
    const tabId = await extensionTabId(contextId);
    return openExtensionPage(`${PANEL_PATH}?tabId=${tabId}`);
  };

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= session.close().finally(removeSnapshot);
    return closing;
  };

  return {
    session,
    extensionId,
    extensionBaseUrl,
    extensionDir,
    chromeEval,
    addonState,
    extensionTabId,
    openExtensionPage,
    openPanelFor,
    close,
  };
}

/** The `version` of the manifest in `dir`. */
export async function manifestVersion(dir: string = FIREFOX_DIST): Promise<string> {
  const manifest = JSON.parse(await readFile(requireFirefoxBuild(dir), 'utf8')) as { version?: unknown };
  return String(manifest.version);
}
