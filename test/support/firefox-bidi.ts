/**
 * A small WebDriver BiDi client for Firefox (ESR ≥ 128), for end-to-end tests.
 *
 * Firefox speaks BiDi natively, so no Playwright-patched Firefox and no geckodriver are needed:
 * we start it with `--remote-debugging-port=0`, read the chosen port from its stderr
 * ("WebDriver BiDi listening on ws://127.0.0.1:PORT"), connect to `ws://127.0.0.1:PORT/session`
 * and send `session.new`.
 *
 * Things to know (observed on Firefox ESR 153):
 * - BiDi does not expose extension contexts (moz-extension:// documents, background page):
 *   `browsingContext.getTree` / `script.getRealms` skip them (Bug 1755014), and
 *   `browsingContext.navigate` to a moz-extension:// URL fails with "unsupported operation: …
 *   is not allowed in this context". Content-script realms are not listed either. Read extension
 *   state back through the page (e.g. a content script that writes into the DOM) instead.
 * - With `env: { MOZ_REMOTE_ALLOW_SYSTEM_ACCESS: '1' }`, `browsingContext.getTree` accepts
 *   `{ 'moz:scope': 'chrome' }` and `evaluate` runs in browser.xhtml with chrome privileges
 *   (e.g. `WebExtensionPolicy.getByID(id).extension.warnings` lists manifest warnings).
 * - `webExtension.install` installs a *temporary* add-on (no signing needed) and returns its id.
 * - When `extensionDir` has a `browser_specific_settings.gecko.id`, we pin its moz-extension
 *   UUID through the `extensions.webextensions.uuids` pref, so `extensionBaseUrl` is known.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';

export type PrefValue = string | number | boolean;

export interface LaunchFirefoxOptions {
  executablePath: string;
  /** Unpacked extension directory (with manifest.json), installed as a temporary add-on. */
  extensionDir?: string;
  /** Default true. */
  headless?: boolean;
  /** Extra prefs written to user.js (override the defaults below). */
  prefs?: Record<string, PrefValue>;
  /** Whole launch (spawn → BiDi port → connect → session.new → install). Default 30 000 ms. */
  launchTimeoutMs?: number;
  /** Default timeout for each BiDi command. Default 15 000 ms. */
  commandTimeoutMs?: number;
  /** Extra environment variables for the Firefox process. */
  env?: Record<string, string>;
}

export interface EvaluateOptions {
  /** Default true: a returned promise is awaited. */
  awaitPromise?: boolean;
  /** Default: the session's top-level browsing context. */
  contextId?: string;
  /** Command timeout; default the session's commandTimeoutMs. */
  timeoutMs?: number;
}

export interface WaitForOptions {
  /** Default 10 000 ms. */
  timeoutMs?: number;
  /** Default 50 ms. */
  intervalMs?: number;
  contextId?: string;
}

export interface BrowsingContextSummary {
  context: string;
  url: string;
  parent: string | null;
}

export interface BidiEvent {
  method: string;
  params: Record<string, unknown>;
}

export interface FirefoxSession {
  /** Id returned by `webExtension.install` (the gecko id when the manifest sets one). */
  extensionId?: string;
  /** `moz-extension://<uuid>/` when the UUID could be pinned (manifest has a gecko id). */
  extensionBaseUrl?: string;
  /** The top-level browsing context (tab) the helpers act on by default. */
  contextId: string;
  /** Firefox's process id. */
  pid: number;
  /** Raw BiDi command; resolves with `result`, rejects with the BiDi error and message. */
  send<R = unknown>(method: string, params?: object, opts?: { timeoutMs?: number }): Promise<R>;
  /** `browsingContext.navigate` with `wait: 'complete'`. */
  navigate(url: string, opts?: { contextId?: string; timeoutMs?: number }): Promise<void>;
  /** `script.evaluate`, result deserialized into a plain JS value; throws on a page exception. */
  evaluate<T = unknown>(expression: string, opts?: EvaluateOptions): Promise<T>;
  /** Evaluates `expression` repeatedly until it is truthy; resolves with that value. */
  waitFor<T = unknown>(expression: string, opts?: WaitForOptions): Promise<T>;
  /** Flattened `browsingContext.getTree` (top-level contexts and all their frames). */
  browsingContexts(): Promise<BrowsingContextSummary[]>;
  /** Listen to BiDi events (subscribe first with `send('session.subscribe', …)`). Returns an unsubscribe function. */
  onEvent(listener: (event: BidiEvent) => void): () => void;
  /** Firefox's recent stderr/stdout lines, for diagnostics. */
  outputTail(): string;
  /** Ends the session, stops Firefox, waits for it to exit and removes the profile. Idempotent. */
  close(): Promise<void>;
}

/** BiDi `script.RemoteValue` (the subset of fields we read). */
export type RemoteValue =
  | { type: 'undefined' }
  | { type: 'null' }
  | { type: 'string'; value: string }
  | { type: 'number'; value: number | 'NaN' | '-0' | 'Infinity' | '-Infinity' }
  | { type: 'boolean'; value: boolean }
  | { type: 'bigint'; value: string }
  | { type: 'date'; value: string }
  | { type: 'regexp'; value: { pattern: string; flags?: string } }
  | { type: 'array' | 'set' | 'nodelist' | 'htmlcollection'; value?: RemoteValue[]; internalId?: string; handle?: string }
  | { type: 'object' | 'map'; value?: Array<[string | RemoteValue, RemoteValue]>; internalId?: string; handle?: string }
  | { type: string; value?: unknown; internalId?: string; handle?: string; sharedId?: string };

type EvaluateResult =
  | { type: 'success'; result: RemoteValue; realm: string }
  | {
      type: 'exception';
      realm: string;
      exceptionDetails: {
        text: string;
        lineNumber: number;
        columnNumber: number;
        exception: RemoteValue;
        stackTrace?: { callFrames: Array<{ url: string; functionName: string; lineNumber: number; columnNumber: number }> };
      };
    };

interface RawContextInfo {
  context: string;
  url: string;
  parent?: string | null;
  children?: RawContextInfo[] | null;
}

const DEFAULT_LAUNCH_TIMEOUT_MS = 30_000;
const DEFAULT_COMMAND_TIMEOUT_MS = 15_000;
const OUTPUT_TAIL_LINES = 60;

/**
 * Prefs Firefox must see before its first window. Firefox's remote agent applies its
 * "recommended prefs" too (remote.prefs.recommended), but only once it has started; these are
 * the ones that matter earlier. Keep the list short.
 */
const DEFAULT_PREFS: Record<string, PrefValue> = {
  // Unsigned add-ons (webExtension.install installs temporary add-ons anyway).
  'xpinstall.signatures.required': false,
  // No first-run / welcome / "what's new" / default-browser pages.
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.startup.page': 0,
  'startup.homepage_welcome_url': 'about:blank',
  'browser.aboutwelcome.enabled': false,
  'termsofuse.bypassNotification': true,
  // No telemetry / data-reporting policy tab.
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  // No update checks (app and add-ons).
  'app.update.disabledForTesting': true,
  'extensions.update.enabled': false,
  // No background network: remote settings (Nimbus still logs one harmless sync error on stdout),
  // experiments, captive portal, connectivity checks.
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  'app.normandy.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  // No crash-restore prompts when a previous run was killed.
  'browser.sessionstore.resume_from_crash': false,
};

const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;
function trackChild(child: ChildProcess): void {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // Last resort if a test run dies without calling close(): don't leave Firefox behind.
    process.once('exit', () => {
      for (const c of liveChildren) killGroup(c, 'SIGKILL');
    });
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals, evenIfExited = false): void {
  if (child.pid === undefined) return;
  if (!evenIfExited && (child.exitCode !== null || child.signalCode !== null)) return;
  try {
    process.kill(-child.pid, signal); // detached → own process group (content processes too)
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, timeoutMs);
    const onExit = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

function userJs(prefs: Record<string, PrefValue>): string {
  return (
    Object.entries(prefs)
      .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
      .join('\n') + '\n'
  );
}

async function readGeckoId(extensionDir: string): Promise<string | undefined> {
  try {
    const manifest: unknown = JSON.parse(await readFile(path.join(extensionDir, 'manifest.json'), 'utf8'));
    const m = manifest as {
      browser_specific_settings?: { gecko?: { id?: unknown } };
      applications?: { gecko?: { id?: unknown } };
    };
    const id = m.browser_specific_settings?.gecko?.id ?? m.applications?.gecko?.id;
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined; // a broken manifest is reported by webExtension.install itself
  }
}

/** Turns a BiDi RemoteValue into a plain JS value (maps become plain objects, sets arrays). */
export function deserializeRemoteValue(value: RemoteValue, seen: Map<string, unknown> = new Map()): unknown {
  const v = value as { type: string; value?: unknown; internalId?: string };
  if (v.internalId !== undefined && v.value === undefined && seen.has(v.internalId)) {
    return seen.get(v.internalId); // cycle / repeated reference
  }
  switch (v.type) {
    case 'undefined':
      return undefined;
    case 'null':
      return null;
    case 'string':
    case 'boolean':
      return v.value;
    case 'number':
      switch (v.value) {
        case 'NaN':
          return Number.NaN;
        case '-0':
          return -0;
        case 'Infinity':
          return Number.POSITIVE_INFINITY;
        case '-Infinity':
          return Number.NEGATIVE_INFINITY;
        default:
          return v.value;
      }
    case 'bigint':
      return BigInt(v.value as string);
    case 'date':
      return new Date(v.value as string);
    case 'regexp': {
      const r = v.value as { pattern: string; flags?: string };
      return new RegExp(r.pattern, r.flags ?? '');
    }
    case 'array':
    case 'set':
    case 'nodelist':
    case 'htmlcollection': {
      const out: unknown[] = [];
      if (v.internalId !== undefined) seen.set(v.internalId, out);
      for (const item of (v.value as RemoteValue[] | undefined) ?? []) out.push(deserializeRemoteValue(item, seen));
      return out;
    }
    case 'object':
    case 'map': {
      const out: Record<string, unknown> = {};
      if (v.internalId !== undefined) seen.set(v.internalId, out);
      for (const [k, val] of (v.value as Array<[string | RemoteValue, RemoteValue]> | undefined) ?? []) {
        const key = typeof k === 'string' ? k : String(deserializeRemoteValue(k, seen));
        out[key] = deserializeRemoteValue(val, seen);
      }
      return out;
    }
    default:
      // function, symbol, promise, error, node, window, … : no value to copy; keep the descriptor.
      return value;
  }
}

function describe(value: unknown): string {
  try {
    const s = JSON.stringify(value);
    if (s === undefined) return String(value);
    return s.length > 300 ? `${s.slice(0, 300)}…` : s;
  } catch {
    return String(value);
  }
}

export async function launchFirefox(opts: LaunchFirefoxOptions): Promise<FirefoxSession> {
  const launchTimeoutMs = opts.launchTimeoutMs ?? DEFAULT_LAUNCH_TIMEOUT_MS;
  const commandTimeoutMs = opts.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const deadline = Date.now() + launchTimeoutMs;
  const remaining = (): number => Math.max(1, deadline - Date.now());

  const profileDir = await mkdtemp(path.join(tmpdir(), 'ff-bidi-profile-'));
  const prefs: Record<string, PrefValue> = { ...DEFAULT_PREFS };
  let extensionBaseUrl: string | undefined;
  const extensionDir = opts.extensionDir !== undefined ? path.resolve(opts.extensionDir) : undefined;
  if (extensionDir !== undefined) {
    const geckoId = await readGeckoId(extensionDir);
    if (geckoId !== undefined) {
      // Pin the moz-extension:// UUID so tests know the extension's origin.
      const uuid = randomUUID();
      prefs['extensions.webextensions.uuids'] = JSON.stringify({ [geckoId]: uuid });
      extensionBaseUrl = `moz-extension://${uuid}/`;
    }
  }
  Object.assign(prefs, opts.prefs);
  await writeFile(path.join(profileDir, 'user.js'), userJs(prefs));

  const args = ['--no-remote', '--profile', profileDir, '--remote-debugging-port=0'];
  if (opts.headless ?? true) args.unshift('--headless');

  // Diagnostics: the last lines of stderr/stdout.
  const tail: string[] = [];
  const pushLines = (prefix: string, chunk: string): void => {
    for (const line of chunk.split(/\r?\n/)) {
      if (line.trim() === '') continue;
      tail.push(`${prefix}${line}`);
      if (tail.length > OUTPUT_TAIL_LINES) tail.shift();
    }
  };
  const outputTail = (): string => tail.join('\n');

  const child = spawn(opts.executablePath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1', ...opts.env },
  });
  trackChild(child);
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stdout?.on('data', (d: string) => pushLines('[stdout] ', d));

  let ws: WebSocket | undefined;
  let closed = false;
  let closing: Promise<void> | undefined;

  const cleanupAfterFailure = async (): Promise<void> => {
    ws?.terminate();
    killGroup(child, 'SIGKILL');
    await waitForExit(child, 5_000);
    await rm(profileDir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  };
  const launchError = (what: string, cause?: unknown): Error => {
    const causeText = cause instanceof Error ? `: ${cause.message}` : '';
    return new Error(
      `launchFirefox: ${what}${causeText}\n` +
        `executable: ${opts.executablePath} ${args.join(' ')}\n` +
        `--- firefox output (tail) ---\n${outputTail() || '(none)'}`,
    );
  };

  // 1. Wait for the BiDi endpoint on stderr.
  let stderrBuf = '';
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(launchError(`timed out after ${launchTimeoutMs} ms waiting for "WebDriver BiDi listening on ws://…" on stderr`)),
      remaining(),
    );
    const onData = (d: string): void => {
      pushLines('[stderr] ', d);
      stderrBuf += d;
      const m = /WebDriver BiDi listening on (ws:\/\/[^\s]+)/.exec(stderrBuf);
      if (m?.[1] !== undefined) {
        finish();
        resolve(m[1]);
      } else if (stderrBuf.length > 65_536) {
        stderrBuf = stderrBuf.slice(-1024);
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      finish();
      reject(launchError(`firefox exited (code ${code}, signal ${signal}) before the BiDi server started`));
    };
    const onError = (err: Error): void => {
      finish();
      reject(launchError('could not start firefox', err));
    };
    const finish = (): void => {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      child.stderr?.on('data', (d: string) => pushLines('[stderr] ', d));
    };
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  }).catch(async (err: unknown) => {
    await cleanupAfterFailure();
    throw err;
  });

  // 2. Connect.
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  const listeners = new Set<(event: BidiEvent) => void>();
  let nextId = 1;
  let connectionError: Error | undefined;

  try {
    ws = await new Promise<WebSocket>((resolve, reject) => {
      const sock = new WebSocket(`${endpoint}/session`, { perMessageDeflate: false });
      const timer = setTimeout(() => {
        sock.terminate();
        reject(launchError(`timed out after ${launchTimeoutMs} ms waiting for the BiDi WebSocket ${endpoint}/session to open`));
      }, remaining());
      sock.once('open', () => {
        clearTimeout(timer);
        resolve(sock);
      });
      sock.once('error', (err) => {
        clearTimeout(timer);
        reject(launchError(`could not connect to ${endpoint}/session`, err));
      });
    });
  } catch (err) {
    await cleanupAfterFailure();
    throw err;
  }
  const socket = ws;

  socket.on('message', (data) => {
    let msg: { id?: number; type?: string; method?: string; params?: Record<string, unknown>; result?: unknown; error?: string; message?: string };
    try {
      msg = JSON.parse(data.toString()) as typeof msg;
    } catch {
      return;
    }
    if (typeof msg.id === 'number' && pending.has(msg.id)) {
      const p = pending.get(msg.id)!;
      pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.type === 'error') p.reject(new Error(`BiDi error ${msg.error ?? '?'}: ${msg.message ?? ''}`));
      else p.resolve(msg.result);
    } else if (msg.type === 'event' && typeof msg.method === 'string') {
      for (const l of listeners) l({ method: msg.method, params: msg.params ?? {} });
    }
  });
  socket.on('close', (code, reason) => {
    connectionError = new Error(`BiDi connection closed (code ${code}${reason.length ? `, ${reason.toString()}` : ''})`);
    for (const p of pending.values()) {
      clearTimeout(p.timer);
      p.reject(connectionError);
    }
    pending.clear();
  });
  socket.on('error', () => {
    /* 'close' follows and rejects pending commands */
  });

  const send = <R = unknown>(method: string, params: object = {}, sendOpts?: { timeoutMs?: number }): Promise<R> => {
    if (closed) return Promise.reject(new Error(`${method}: the Firefox session is closed`));
    if (connectionError !== undefined) return Promise.reject(new Error(`${method}: ${connectionError.message}`));
    const id = nextId++;
    const timeoutMs = sendOpts?.timeoutMs ?? commandTimeoutMs;
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`BiDi command ${method} timed out after ${timeoutMs} ms (params ${describe(params)})`));
      }, timeoutMs);
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      socket.send(JSON.stringify({ id, method, params }), (err) => {
        if (err) {
          clearTimeout(timer);
          pending.delete(id);
          reject(new Error(`BiDi command ${method} could not be sent: ${err.message}`));
        }
      });
    });
  };

  const flatten = (infos: RawContextInfo[], out: BrowsingContextSummary[], parent: string | null): void => {
    for (const info of infos) {
      out.push({ context: info.context, url: info.url, parent: info.parent ?? parent });
      if (info.children) flatten(info.children, out, info.context);
    }
  };
  const browsingContexts = async (): Promise<BrowsingContextSummary[]> => {
    const tree = await send<{ contexts: RawContextInfo[] }>('browsingContext.getTree', {});
    const out: BrowsingContextSummary[] = [];
    flatten(tree.contexts, out, null);
    return out;
  };

  // 3. Session, top-level context, extension.
  let contextId: string;
  let extensionId: string | undefined;
  try {
    const step = async <R>(what: string, method: string, params: object): Promise<R> => {
      try {
        return await send<R>(method, params, { timeoutMs: remaining() });
      } catch (err) {
        throw launchError(what, err);
      }
    };
    await step('session.new failed', 'session.new', { capabilities: {} });
    const tree = await step<{ contexts: RawContextInfo[] }>('browsingContext.getTree failed', 'browsingContext.getTree', { maxDepth: 0 });
    const first = tree.contexts[0];
    if (first !== undefined) {
      contextId = first.context;
    } else {
      contextId = (await step<{ context: string }>('browsingContext.create failed', 'browsingContext.create', { type: 'tab' })).context;
    }
    if (extensionDir !== undefined) {
      const res = await step<{ extension: string }>(`webExtension.install of ${extensionDir} failed`, 'webExtension.install', {
        extensionData: { type: 'path', path: extensionDir },
      });
      extensionId = res.extension;
    }
  } catch (err) {
    await cleanupAfterFailure();
    throw err;
  }

  const evaluate = async <T = unknown>(expression: string, evalOpts?: EvaluateOptions): Promise<T> => {
    const target = evalOpts?.contextId ?? contextId;
    const res = await send<EvaluateResult>(
      'script.evaluate',
      {
        expression,
        target: { context: target },
        awaitPromise: evalOpts?.awaitPromise ?? true,
        resultOwnership: 'none',
      },
      evalOpts?.timeoutMs !== undefined ? { timeoutMs: evalOpts.timeoutMs } : undefined,
    );
    if (res.type === 'exception') {
      const d = res.exceptionDetails;
      const frame = d.stackTrace?.callFrames[0];
      const where = frame ? ` (at ${frame.url || '<eval>'}:${frame.lineNumber + 1}:${frame.columnNumber + 1})` : '';
      throw new Error(`evaluate threw in context ${target}: ${d.text}${where}\nexpression: ${expression}`);
    }
    return deserializeRemoteValue(res.result) as T;
  };

  const waitFor = async <T = unknown>(expression: string, waitOpts?: WaitForOptions): Promise<T> => {
    const timeoutMs = waitOpts?.timeoutMs ?? 10_000;
    const intervalMs = waitOpts?.intervalMs ?? 50;
    const target = waitOpts?.contextId ?? contextId;
    const until = Date.now() + timeoutMs;
    let last: unknown;
    let lastError: unknown;
    for (;;) {
      const left = until - Date.now();
      if (left <= 0) break;
      try {
        last = await evaluate<unknown>(expression, { contextId: target, timeoutMs: Math.max(left, 100) });
        lastError = undefined;
        if (last) return last as T;
      } catch (err) {
        // Transient while the page navigates, or the thing is not defined yet: keep polling.
        lastError = err;
      }
      const pause = Math.min(intervalMs, until - Date.now());
      if (pause <= 0) break;
      await new Promise((r) => setTimeout(r, pause));
    }
    const detail =
      lastError !== undefined
        ? `last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`
        : `last value: ${describe(last)}`;
    throw new Error(`waitFor timed out after ${timeoutMs} ms waiting for \`${expression}\` to be truthy in context ${target}; ${detail}`);
  };

  const navigate = async (url: string, navOpts?: { contextId?: string; timeoutMs?: number }): Promise<void> => {
    const target = navOpts?.contextId ?? contextId;
    try {
      await send('browsingContext.navigate', { context: target, url, wait: 'complete' }, navOpts?.timeoutMs !== undefined ? { timeoutMs: navOpts.timeoutMs } : undefined);
    } catch (err) {
      throw new Error(`navigate to ${url} (wait: complete) in context ${target} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const close = async (): Promise<void> => {
    if (closing !== undefined) return closing;
    closing = (async () => {
      if (connectionError === undefined && socket.readyState === WebSocket.OPEN) {
        // Ends the session and quits Firefox cleanly; fall back to signals below.
        await send('browser.close', {}, { timeoutMs: 3_000 }).catch(() => undefined);
      }
      closed = true;
      if (!(await waitForExit(child, 5_000))) {
        killGroup(child, 'SIGTERM');
        if (!(await waitForExit(child, 3_000))) {
          killGroup(child, 'SIGKILL');
          if (!(await waitForExit(child, 5_000))) {
            throw new Error(`close: firefox (pid ${child.pid}) did not exit after SIGKILL`);
          }
        }
      }
      killGroup(child, 'SIGKILL', true); // stray content processes of the group, if any
      socket.terminate();
      await rm(profileDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    })();
    return closing;
  };

  const session: FirefoxSession = {
    contextId,
    pid: child.pid ?? -1,
    send,
    navigate,
    evaluate,
    waitFor,
    browsingContexts,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    outputTail,
    close,
  };
  if (extensionId !== undefined) session.extensionId = extensionId;
  if (extensionBaseUrl !== undefined && extensionId !== undefined) session.extensionBaseUrl = extensionBaseUrl;
  return session;
}
