/**
 * Raw CDP access to targets Playwright does not expose as pages (the extension's service worker,
 * the DevTools panel's iframe), for the commands the benchmark needs that the test helper
 * (test/support/devtools-panel.ts) does not offer: Page.addScriptToEvaluateOnNewDocument,
 * Runtime.getHeapUsage, HeapProfiler.collectGarbage, Profiler.*.
 *
 * Same technique as that helper: Playwright's CDPSession cannot drive flattened child sessions,
 * so we attach with `flatten: false` and tunnel through Target.sendMessageToTarget.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';

export interface Target {
  readonly targetId: string;
  send<R = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<R>;
  /** Runtime.evaluate, promise awaited, result by value; throws the page's exception text. */
  evaluate<T>(expression: string): Promise<T>;
}

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
  parentId?: string;
}

const COMMAND_TIMEOUT_MS = 120_000;

export class CdpBridge {
  #nextId = 0;
  readonly #pending = new Map<number, { method: string; resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }>();
  readonly #sessions = new Set<string>();
  #disposed = false;

  private constructor(readonly root: CDPSession) {
    root.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
      const msg = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string; data?: string } };
      if (msg.id === undefined) return;
      const p = this.#pending.get(msg.id);
      if (!p) return;
      this.#pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}${msg.error.data ? ` (${msg.error.data})` : ''}`));
      else p.resolve(msg.result);
    });
  }

  static async forBrowser(browser: Browser): Promise<CdpBridge> {
    return new CdpBridge(await browser.newBrowserCDPSession());
  }

  async targets(): Promise<TargetInfo[]> {
    const { targetInfos } = await this.root.send('Target.getTargets');
    return targetInfos as TargetInfo[];
  }

  /** Waits until a target matching `pick` exists. */
  async findTarget(pick: (t: TargetInfo) => boolean, what: string, timeoutMs = 20_000): Promise<TargetInfo> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.targets()).find(pick);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no CDP target: ${what}`);
      await sleep(50);
    }
  }

  async attach(targetId: string): Promise<Target> {
    const { sessionId } = await this.root.send('Target.attachToTarget', { targetId, flatten: false });
    this.#sessions.add(sessionId);
    const send = <R>(method: string, params: Record<string, unknown> = {}): Promise<R> => this.#send<R>(sessionId, method, params);
    return { targetId, send, evaluate: (expression) => evaluateWith(send, expression) };
  }

  #send<R>(sessionId: string, method: string, params: Record<string, unknown>): Promise<R> {
    if (this.#disposed) return Promise.reject(new Error(`${method}: bridge disposed`));
    const id = ++this.#nextId;
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${method}: no reply within ${COMMAND_TIMEOUT_MS} ms`));
      }, COMMAND_TIMEOUT_MS);
      this.#pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject, timer });
      this.root
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
        .catch((e: unknown) => {
          if (!this.#pending.delete(id)) return;
          clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        });
    });
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    for (const sessionId of this.#sessions) await this.root.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    this.#disposed = true;
    for (const p of this.#pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error(`${p.method}: disposed`));
    }
    this.#pending.clear();
    await this.root.detach().catch(() => undefined);
  }
}

/** A Target for an ordinary Playwright page (its own CDP session). */
export async function pageTarget(context: BrowserContext, page: Page): Promise<Target & { detach(): Promise<void> }> {
  const session = await context.newCDPSession(page);
  const send = <R>(method: string, params: Record<string, unknown> = {}): Promise<R> =>
    session.send(method as 'Runtime.evaluate', params as never) as Promise<R>;
  return {
    targetId: 'page',
    send,
    evaluate: (expression) => evaluateWith(send, expression),
    detach: () => session.detach().catch(() => undefined),
  };
}

async function evaluateWith<T>(
  send: <R>(method: string, params?: Record<string, unknown>) => Promise<R>,
  expression: string,
): Promise<T> {
  const r = await send<{
    result: { value?: unknown };
    exceptionDetails?: { text: string; exception?: { description?: string } };
  }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true, userGesture: true });
  if (r.exceptionDetails) {
    throw new Error(`Evaluation failed: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
  }
  return r.result.value as T;
}

export interface HeapUsage {
  /** V8 heap in use (JS objects). */
  usedSize: number;
  /** Blink's garbage-collected heap (DOM nodes, WebSocket objects…), when Chromium reports it. */
  embedderHeapUsedSize?: number;
}

/** Full GC, then the target isolate's heap in use. */
export async function heapAfterGc(target: Pick<Target, 'send'>): Promise<HeapUsage> {
  await target.send('HeapProfiler.collectGarbage');
  await target.send('HeapProfiler.collectGarbage');
  return target.send<HeapUsage>('Runtime.getHeapUsage');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
