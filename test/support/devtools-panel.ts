/**
 * Drive an extension's REAL DevTools panel in Chromium through CDP.
 *
 * Every piece of knowledge about DevTools internals lives in this file, so that a Chromium
 * update that moves things around is a one-place fix. What it relies on (checked on Chromium 156,
 * Playwright 1.65.1):
 *
 * - Chromium is launched with `--auto-open-devtools-for-tabs` (see `launchWithExtension`), so each
 *   tab gets a DevTools front-end whose CDP target has the URL
 *   `devtools://devtools/bundled/devtools_app.html?…`. Its target type is briefly `other` and then
 *   `page`, so we match on the URL only.
 * - Playwright's CDPSession cannot drive flattened child sessions, so we attach with
 *   `Target.attachToTarget({ flatten: false })` and tunnel commands through
 *   `Target.sendMessageToTarget` / `Target.receivedMessageFromTarget` (deprecated, still works).
 * - The front-end is made of ES modules that can be `import()`ed from a `Runtime.evaluate` in the
 *   DevTools target, relative to its URL: `./ui/legacy/legacy.js` (InspectorView) and
 *   `./core/common/common.js` (Settings), `./core/sdk/sdk.js` (TargetManager).
 * - `InspectorView.instance()` CONSTRUCTS the view if it does not exist yet (and throws or, worse,
 *   builds a second one if called too early), so we poll `maybeGetInspectorViewInstance()` instead.
 * - An extension panel's tab id is `chrome-extension://<extId>` + the title given to
 *   `chrome.devtools.panels.create` (no separator), e.g. `chrome-extension://abc…WebSockets`.
 *   It appears a while after DevTools itself, once the extension's devtools_page has run.
 * - `await iv.panel(tabId)` instantiates the ExtensionPanel, whose element holds the panel
 *   `<iframe src="chrome-extension://<extId>/<panel page>">`, but the frame only loads (and its
 *   `iframe` CDP target only exists) once the panel has been shown: `await iv.showPanel(tabId)`.
 * - The panel's `iframe` target has `parentId` = the DevTools target's id, which tells panels of
 *   different DevTools windows apart.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

export interface OpenExtensionPanelOptions {
  /**
   * Path of the panel page inside the extension, as passed to `chrome.devtools.panels.create`
   * (e.g. `'src/ui/panel.html'`). Needed only when the extension registers several panels;
   * by default the extension's first panel is opened.
   */
  panelPath?: string;
  /**
   * Which tab's DevTools to use when several tabs are open (each has its own DevTools).
   * Matched on the URL DevTools is inspecting, so navigate that tab first. Default: the only one.
   */
  page?: Page;
  /** Overall time allowed to find DevTools, the panel tab and the panel frame. Default 20 s. */
  timeoutMs?: number;
}

export interface WaitForOptions {
  /** Default 10 s. */
  timeoutMs?: number;
  /** Default 50 ms. */
  intervalMs?: number;
}

export interface DevToolsPanel {
  /** DevTools tab id of the panel, e.g. `chrome-extension://<extId>WebSockets`. */
  readonly tabId: string;
  /** URL of the panel page, e.g. `chrome-extension://<extId>/panel.html`. */
  readonly url: string;
  /**
   * Evaluates `expression` in the panel page (its main world, where `chrome.devtools` exists).
   * Promises are awaited; the result is returned by value (JSON-like values only).
   * Throws with the exception's text if the expression throws or rejects.
   */
  evaluate<T>(expression: string): Promise<T>;
  /**
   * Polls `evaluate(expression)` until it yields a truthy value and returns that value. Exceptions
   * while polling count as "not yet". On timeout throws with the last value (or last exception).
   */
  waitFor<T>(expression: string, opts?: WaitForOptions): Promise<T>;
  /**
   * Evaluates in the DevTools front-end itself (the `devtools://` page), e.g.
   * `(await import('./core/common/common.js')).Settings.Settings.instance().moduleSetting('ui-theme').set('dark')`.
   * Awaited and returned by value like `evaluate`.
   */
  evaluateInDevTools<T>(expression: string): Promise<T>;
  /**
   * Writes a PNG of the DevTools UI (tab strip + the shown panel) to `path`, via
   * `Page.captureScreenshot` on the DevTools target, clipped to the InspectorView. Works headless.
   * Its size is the docked DevTools' size (about 555×633 in a default headless window).
   */
  screenshot(path: string): Promise<void>;
  /** Detaches the CDP sessions. DevTools and the panel stay open. Safe to call twice. */
  detach(): Promise<void>;
}

const DEVTOOLS_URL = /^devtools:\/\/devtools\/bundled\/(devtools_app|inspector)\.html/;
const COMMAND_TIMEOUT_MS = 30_000;

/**
 * Finds the DevTools front-end of the (only, or `opts.page`'s) tab, shows the extension's panel
 * in it and attaches to the panel's frame.
 */
export async function openExtensionPanel(
  context: BrowserContext,
  extensionId: string,
  opts: OpenExtensionPanelOptions = {},
): Promise<DevToolsPanel> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  const origin = `chrome-extension://${extensionId}`;
  const wantedUrl = opts.panelPath === undefined ? undefined : `${origin}/${opts.panelPath.replace(/^\/+/, '')}`;
  const root = await browserLevelSession(context);
  const bridge = new TargetBridge(root);
  try {
    // 1. The DevTools front-end target, and its InspectorView holding the panel tab.
    const devtools = await findDevTools(bridge, opts.page, deadline);

    // 2. The extension's panel tab, then its iframe URL; show the panel so the frame loads.
    const located = await poll(
      deadline,
      `a DevTools tab for extension ${extensionId}${wantedUrl ? ` with page ${wantedUrl}` : ''}`,
      () =>
        devtools.evaluate<{ tabId: string; url: string } | { tabIds: string[]; urls: string[] } | null>(
          `(async () => {
            const UI = await import('./ui/legacy/legacy.js');
            const iv = UI.InspectorView.InspectorView.maybeGetInspectorViewInstance();
            if (!iv) return null;
            const tabIds = iv.tabbedPane.tabIds().filter((t) => t.startsWith(${JSON.stringify(origin)}));
            const urls = [];
            for (const tabId of tabIds) {
              const panel = await iv.panel(tabId);
              const url = panel.element.querySelector('iframe')?.src ?? '';
              urls.push(url);
              if (${JSON.stringify(wantedUrl ?? null)} === null || url === ${JSON.stringify(wantedUrl ?? null)}) {
                await iv.showPanel(tabId);
                return { tabId, url };
              }
            }
            return { tabIds, urls };
          })()`,
        ),
      (v): v is { tabId: string; url: string } => v !== null && 'tabId' in v,
    );

    // 3. The panel's iframe target (exists only once the panel has been shown).
    const frameTargetId = await poll(
      deadline,
      `the panel frame ${located.url} inside DevTools`,
      async () => {
        const { targetInfos } = await root.send('Target.getTargets');
        return targetInfos.find((t) => t.type === 'iframe' && t.url === located.url && t.parentId === devtools.targetId)
          ?.targetId;
      },
      (v): v is string => v !== undefined,
    );
    const frame = await bridge.attach(frameTargetId);
    // The frame target can exist before its document has run any script, and the panel draws its
    // UI only once the UI's code has loaded (a dynamic import after the connection is opened):
    // wait for the toolbar, so that a test's first click finds something to click.
    await poll(
      deadline,
      `the panel page ${located.url} to show its UI`,
      () =>
        frame
          .evaluate<boolean>(`location.href === ${JSON.stringify(located.url)} && document.querySelector('.toolbar') !== null`)
          .catch(() => false),
      (v): v is true => v === true,
    );

    let detached: Promise<void> | undefined;
    return {
      tabId: located.tabId,
      url: located.url,
      evaluate: <T>(expression: string) => frame.evaluate<T>(expression),
      waitFor: <T>(expression: string, waitOpts: WaitForOptions = {}) => waitForTruthy<T>(frame, expression, waitOpts),
      evaluateInDevTools: <T>(expression: string) => devtools.evaluate<T>(expression),
      async screenshot(path: string) {
        // The docked DevTools web contents spans the whole window; the inspected page is composited
        // over its left part by the browser, so that part is blank here. Clip to the DevTools UI.
        const rect = await devtools
          .evaluate<{ x: number; y: number; width: number; height: number } | null>(
            `(async () => {
              const UI = await import('./ui/legacy/legacy.js');
              const r = UI.InspectorView.InspectorView.maybeGetInspectorViewInstance()?.element.getBoundingClientRect();
              return r && r.width > 0 && r.height > 0 ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
            })()`,
          )
          .catch(() => null);
        const { data } = await devtools.send<{ data: string }>('Page.captureScreenshot', {
          format: 'png',
          captureBeyondViewport: false,
          ...(rect ? { clip: { ...rect, scale: 1 } } : {}),
        });
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, Buffer.from(data, 'base64'));
      },
      detach: () => (detached ??= bridge.dispose()),
    };
  } catch (err) {
    await bridge.dispose();
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------

interface AttachedTarget {
  readonly targetId: string;
  send<R>(method: string, params?: Record<string, unknown>): Promise<R>;
  evaluate<T>(expression: string): Promise<T>;
}

async function browserLevelSession(context: BrowserContext): Promise<CDPSession> {
  // In Playwright 1.65 a persistent context's browser() is NOT null (it returns the Browser that
  // launchPersistentContext started), so a real browser-level session is available.
  const browser = context.browser();
  if (browser !== null) return browser.newBrowserCDPSession();
  // Fallback for contexts without a Browser object (e.g. Electron): Chromium also allows
  // Target.getTargets / attachToTarget / sendMessageToTarget from a page-level session.
  const page = context.pages()[0];
  if (page === undefined) throw new Error('openExtensionPanel: the context has no Browser and no page to get a CDP session from');
  return context.newCDPSession(page);
}

async function findDevTools(bridge: TargetBridge, page: Page | undefined, deadline: number): Promise<AttachedTarget> {
  const attached = new Map<string, AttachedTarget>();
  const wantedUrl = page?.url();
  try {
    const found = await poll(
      deadline,
      wantedUrl === undefined
        ? 'a DevTools window (was Chromium started with --auto-open-devtools-for-tabs?)'
        : `the DevTools window inspecting ${wantedUrl}`,
      async () => {
        const { targetInfos } = await bridge.root.send('Target.getTargets');
        const candidates = targetInfos.filter((t) => DEVTOOLS_URL.test(t.url));
        if (wantedUrl === undefined) {
          if (candidates.length > 1) {
            throw new Error(
              `openExtensionPanel: ${candidates.length} DevTools windows are open (one per tab); pass opts.page ` +
                'to pick one, or navigate the first tab instead of opening new ones.',
            );
          }
          const only = candidates[0];
          if (only === undefined) return undefined;
          let target = attached.get(only.targetId);
          if (!target) attached.set(only.targetId, (target = await bridge.attach(only.targetId)));
          return target;
        }
        for (const t of candidates) {
          let target = attached.get(t.targetId);
          if (!target) attached.set(t.targetId, (target = await bridge.attach(t.targetId)));
          const inspected = await target
            .evaluate<string | null>(
              `(async () => {
                const SDK = await import('./core/sdk/sdk.js');
                return SDK.TargetManager.TargetManager.instance().primaryPageTarget()?.inspectedURL() ?? null;
              })()`,
            )
            .catch(() => null);
          if (inspected === wantedUrl) return target;
        }
        return undefined;
      },
      (v): v is AttachedTarget => v !== undefined,
      /* rethrow */ (e) => e instanceof Error && e.message.startsWith('openExtensionPanel:'),
    );
    // Leave the other DevTools windows alone.
    await Promise.all(
      [...attached.values()].filter((t) => t !== found).map((t) => bridge.detachTarget(t.targetId)),
    );
    return found;
  } catch (err) {
    await Promise.all([...attached.keys()].map((id) => bridge.detachTarget(id)));
    throw err;
  }
}

/**
 * Non-flattened target sessions tunnelled through one browser-level CDPSession.
 * (Playwright's CDPSession has no API for flattened child sessions.)
 */
class TargetBridge {
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { sessionId: string; method: string; resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }
  >();
  private readonly sessions = new Map<string, string>(); // targetId -> sessionId
  private disposed = false;
  private readonly onMessage = (e: { sessionId: string; message: string }): void => {
    const msg = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string; data?: string } };
    if (msg.id === undefined) return; // an event: we subscribe to none
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    clearTimeout(p.timer);
    if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}${msg.error.data ? ` (${msg.error.data})` : ''}`));
    else p.resolve(msg.result);
  };
  private readonly onDetached = (e: { sessionId: string }): void => {
    for (const [id, p] of this.pending) {
      if (p.sessionId !== e.sessionId) continue;
      this.pending.delete(id);
      clearTimeout(p.timer);
      p.reject(new Error(`${p.method}: target detached (closed or navigated away)`));
    }
    for (const [targetId, sessionId] of this.sessions) if (sessionId === e.sessionId) this.sessions.delete(targetId);
  };

  constructor(readonly root: CDPSession) {
    root.on('Target.receivedMessageFromTarget', this.onMessage);
    root.on('Target.detachedFromTarget', this.onDetached);
  }

  async attach(targetId: string): Promise<AttachedTarget> {
    const { sessionId } = await this.root.send('Target.attachToTarget', { targetId, flatten: false });
    this.sessions.set(targetId, sessionId);
    const send = <R>(method: string, params: Record<string, unknown> = {}): Promise<R> =>
      this.send<R>(sessionId, method, params);
    return {
      targetId,
      send,
      async evaluate<T>(expression: string): Promise<T> {
        const r = await send<{
          result: { value?: unknown };
          exceptionDetails?: { text: string; exception?: { description?: string; value?: unknown } };
        }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true, userGesture: true });
        if (r.exceptionDetails) {
          const ex = r.exceptionDetails.exception;
          const text = ex?.description ?? (ex && 'value' in ex ? String(ex.value) : r.exceptionDetails.text);
          throw new Error(`Evaluation failed: ${text}`);
        }
        return r.result.value as T;
      },
    };
  }

  private send<R>(sessionId: string, method: string, params: Record<string, unknown>): Promise<R> {
    if (this.disposed) return Promise.reject(new Error(`${method}: this DevToolsPanel was detached`));
    const id = ++this.nextId;
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no reply within ${COMMAND_TIMEOUT_MS} ms`));
      }, COMMAND_TIMEOUT_MS);
      this.pending.set(id, { sessionId, method, resolve: resolve as (v: unknown) => void, reject, timer });
      this.root
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
        .catch((e: unknown) => {
          if (!this.pending.delete(id)) return;
          clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        });
    });
  }

  async detachTarget(targetId: string): Promise<void> {
    const sessionId = this.sessions.get(targetId);
    if (sessionId === undefined) return;
    this.sessions.delete(targetId);
    await this.root.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    await Promise.all([...this.sessions.keys()].map((t) => this.detachTarget(t)));
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error(`${p.method}: detached`));
    }
    this.pending.clear();
    this.disposed = true;
    this.root.off('Target.receivedMessageFromTarget', this.onMessage);
    this.root.off('Target.detachedFromTarget', this.onDetached);
    await this.root.detach().catch(() => undefined); // the browser may already be gone
  }
}

async function waitForTruthy<T>(target: AttachedTarget, expression: string, opts: WaitForOptions): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const intervalMs = opts.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  let last: { value: unknown } | { error: unknown } = { value: undefined };
  for (;;) {
    try {
      const value = await target.evaluate<T>(expression);
      if (value) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() >= deadline) {
      const lastText = 'error' in last ? `last error: ${String(last.error)}` : `last value: ${JSON.stringify(last.value)}`;
      throw new Error(`waitFor timed out after ${timeoutMs} ms waiting for ${expression}\n${lastText}`);
    }
    await sleep(intervalMs);
  }
}

/**
 * Calls `attempt` until `done(result)`, at most until `deadline`. Exceptions count as "not yet"
 * unless `rethrow(e)`. The timeout error names `what` and the last result or error.
 */
async function poll<V, D extends V>(
  deadline: number,
  what: string,
  attempt: () => Promise<V>,
  done: (v: V) => v is D,
  rethrow: (e: unknown) => boolean = () => false,
): Promise<D> {
  let last: string = 'nothing yet';
  for (;;) {
    try {
      const v = await attempt();
      if (done(v)) return v;
      last = `last result: ${JSON.stringify(v)}`;
    } catch (e) {
      if (rethrow(e)) throw e;
      last = `last error: ${String(e)}`;
    }
    if (Date.now() >= deadline) throw new Error(`openExtensionPanel: timed out waiting for ${what} (${last})`);
    await sleep(50);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
