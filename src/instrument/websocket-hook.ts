import type { ErrorInfo, ListenerVia, ReadyState, SocketId } from '../core/events';
import { ListenerRegistry, PROPERTY_SLOT, type ListenerEntry } from '../core/listener-registry';
import { clip, LIMITS } from '../protocol/limits';
import type { Cloak } from './cloak';
import { readCapture, readListenerOptions } from './listener-options';
import type { Natives } from './natives';
import { describePayload } from './payload';
import type { Recorder } from './recorder';
import type { CaptureStack } from './stack-capture';

interface Tracked {
  readonly id: SocketId;
  readonly registry: ListenerRegistry;
  /** Event types the hook's own observer listens to on this socket. */
  readonly observed: Set<string>;
}

const LIFECYCLE_EVENTS = ['open', 'message', 'error', 'close'] as const;
type AnyFunction = (...args: unknown[]) => unknown;

export interface HookContext {
  readonly win: typeof globalThis;
  readonly N: Natives;
  readonly recorder: Recorder;
  readonly captureStack: CaptureStack;
  readonly cloak: Cloak;
  /** Called when the hook's own code failed; the page never sees it. */
  readonly onInternalError: (error: unknown) => void;
}

/**
 * Wraps `WebSocket` in `ctx.win` so that everything the page does with a socket is recorded,
 * and nothing the page can observe changes: the constructor is a Proxy (statics, prototype,
 * `instanceof` and subclassing forward to the native), the prototype keeps its own property
 * names, each patched function is a Proxy of the native one disguised by the cloak, the page's
 * own listeners are passed to the browser untouched, and every native call happens first, so
 * errors reach the page exactly as the browser threw them. The hook observes through its own
 * capturing listeners, added with the saved native `addEventListener` when a socket is made.
 */
export function installWebSocketHook(ctx: HookContext): void {
  const { win, N, recorder, captureStack, cloak } = ctx;
  const NativeWebSocket = win.WebSocket;
  if (typeof NativeWebSocket !== 'function') return;
  const proto = NativeWebSocket.prototype;
  const g = N.getters;
  const tracked = N.construct(N.WeakMapCtor, []) as WeakMap<object, Tracked>;
  const callbackIds = N.construct(N.WeakMapCtor, []) as WeakMap<object, number>;
  let lastSocket = 0;
  let lastCallback = PROPERTY_SLOT;

  const safely = (work: () => void): void => {
    try {
      work();
    } catch (error) {
      ctx.onInternalError(error);
    }
  };
  const trackedOf = (target: unknown): Tracked | undefined =>
    typeof target === 'object' && target !== null
      ? (N.apply(N.weakGet, tracked, [target]) as Tracked | undefined)
      : undefined;
  const callbackId = (callback: object): number => {
    let id = N.apply(N.weakGet, callbackIds, [callback]) as number | undefined;
    if (id === undefined) {
      id = ++lastCallback;
      N.apply(N.weakSet, callbackIds, [callback, id]);
    }
    return id;
  };
  const readyState = (ws: WebSocket): ReadyState => N.apply(g.wsReadyState, ws, []) as ReadyState;

  const emitListener = (
    st: Tracked,
    op: 'add' | 'remove',
    entry: ListenerEntry,
    via: ListenerVia,
    stack: string,
  ): void => {
    recorder.emit({
      type: 'listener',
      socket: st.id,
      at: recorder.now(),
      op,
      event: entry.event,
      listener: entry.listener,
      capture: entry.capture,
      once: entry.once,
      via,
      stack,
    });
  };

  // ── observing: the hook's own listener, first on every socket ─────────────────────────────
  function observe(this: WebSocket, event: Event): void {
    safely(() => {
      const st = trackedOf(this);
      if (!st) return;
      const type = N.apply(g.eventType, event, []) as string;
      if (N.apply(g.eventIsTrusted, event, []) as boolean) recordLifecycle(this, st, type, event);
      for (const entry of st.registry.dispatch(type)) emitListener(st, 'remove', entry, 'once', '');
    });
  }

  const recordLifecycle = (ws: WebSocket, st: Tracked, type: string, event: Event): void => {
    const at = recorder.now();
    switch (type) {
      case 'message': {
        const withPreview = recorder.wantsPreview();
        const payload = describePayload(N, N.apply(g.messageData, event, []), withPreview);
        if (payload) recorder.frame(st.id, 'in', payload, withPreview);
        return;
      }
      case 'open':
        recorder.emit({
          type: 'open',
          socket: st.id,
          at,
          protocol: clip(N.apply(g.wsProtocol, ws, []) as string, LIMITS.protocol),
          extensions: clip(N.apply(g.wsExtensions, ws, []) as string, LIMITS.protocol),
        });
        return;
      case 'error':
        recorder.emit({ type: 'error', socket: st.id, at });
        return;
      case 'close':
        recorder.emit({
          type: 'closed',
          socket: st.id,
          at,
          code: N.apply(g.closeCode, event, []) as number,
          reason: clip(N.apply(g.closeReason, event, []) as string, LIMITS.reason),
          wasClean: N.apply(g.closeWasClean, event, []) as boolean,
        });
        return;
    }
  };

  const observeType = (ws: object, st: Tracked, type: string): void => {
    if (st.observed.has(type)) return;
    st.observed.add(type);
    N.apply(N.addEventListener, ws, [type, observe, true]);
  };

  // ── construction ──────────────────────────────────────────────────────────────────────────
  const readProtocols = (arg: unknown): string[] => {
    if (typeof arg === 'string') return [clip(arg, LIMITS.protocol)];
    if (!N.isArray(arg)) return [];
    const out: string[] = [];
    // Indexed reads only: iterating would run a page-patched Array iterator a second time.
    for (let i = 0; i < arg.length && i < LIMITS.protocols; i++) {
      const p: unknown = arg[i];
      N.apply(N.push, out, [typeof p === 'string' ? clip(p, LIMITS.protocol) : '?']);
    }
    return out;
  };

  const track = (ws: WebSocket, args: readonly unknown[]): void => {
    const st: Tracked = { id: ++lastSocket, registry: new ListenerRegistry(), observed: new Set() };
    N.apply(N.weakSet, tracked, [ws, st]);
    for (let i = 0; i < LIFECYCLE_EVENTS.length; i++) observeType(ws, st, LIFECYCLE_EVENTS[i] as string);
    recorder.emit({
      type: 'created',
      socket: st.id,
      at: recorder.now(),
      url: clip(N.apply(g.wsUrl, ws, []) as string, LIMITS.url),
      protocols: readProtocols(args[1]),
      stack: captureStack(),
    });
  };

  const WebSocketProxy: typeof WebSocket = new N.ProxyCtor(NativeWebSocket, {
    construct(target, args: unknown[], newTarget: AnyFunction) {
      const ws = N.construct(target, args, newTarget) as WebSocket;
      safely(() => track(ws, args));
      return ws;
    },
  });
  cloak.disguise(WebSocketProxy, NativeWebSocket);

  // ── patching: each a Proxy of the native, native call first ──────────────────────────────
  const wrapMethod = (
    owner: object,
    key: string,
    after: (thisArg: unknown, args: unknown[], call: () => unknown) => unknown,
  ): void => {
    const d = N.getOwnDescriptor(owner, key);
    if (typeof d?.value !== 'function') return;
    const native = d.value as AnyFunction;
    const proxy = new N.ProxyCtor(native, {
      apply: (target, thisArg: unknown, args: unknown[]) =>
        after(thisArg, args, () => N.apply(target, thisArg, args)),
    });
    N.defineProperty(owner, key, { ...d, value: cloak.disguise(proxy, native) });
  };

  const wrapSetter = (owner: object, key: string, after: (thisArg: unknown, value: unknown) => void): void => {
    const d = N.getOwnDescriptor(owner, key);
    if (!d?.set) return;
    const native = d.set;
    const proxy = new N.ProxyCtor(native, {
      apply(target, thisArg: unknown, args: unknown[]) {
        const result = N.apply(target, thisArg, args);
        safely(() => after(thisArg, args[0]));
        return result;
      },
    });
    N.defineProperty(owner, key, { ...d, set: cloak.disguise(proxy, native) });
  };

  const eventTargetProto = win.EventTarget.prototype;

  wrapMethod(eventTargetProto, 'addEventListener', (thisArg, args, call) => {
    const result = call();
    const st = trackedOf(thisArg);
    if (st) safely(() => recordAdd(thisArg as WebSocket, st, args));
    return result;
  });

  const recordAdd = (ws: WebSocket, st: Tracked, args: unknown[]): void => {
    const [type, callback, options] = args;
    if (typeof callback !== 'object' && typeof callback !== 'function') return;
    if (callback === null) return;
    const opts = readListenerOptions(N, options);
    if (opts.signal !== null && (N.apply(g.signalAborted, opts.signal, []) as boolean)) return;
    const entry = st.registry.add({
      event: eventName(type),
      listener: callbackId(callback),
      capture: opts.capture,
      once: opts.once,
    });
    if (entry === null) return;
    emitListener(st, 'add', entry, 'addEventListener', captureStack());
    if (entry.once) observeType(ws, st, entry.event);
    const signal = opts.signal;
    if (signal !== null) {
      const onAbort = (): void =>
        safely(() => {
          if (st.registry.removeEntry(entry)) emitListener(st, 'remove', entry, 'signal', '');
        });
      N.apply(N.addEventListener, signal, ['abort', onAbort, { once: true }]);
    }
  };

  wrapMethod(eventTargetProto, 'removeEventListener', (thisArg, args, call) => {
    const result = call();
    const st = trackedOf(thisArg);
    if (st) {
      safely(() => {
        const [type, callback, options] = args;
        if ((typeof callback !== 'object' && typeof callback !== 'function') || callback === null) return;
        const id = N.apply(N.weakGet, callbackIds, [callback]) as number | undefined;
        if (id === undefined) return;
        const removed = st.registry.remove(eventName(type), id, readCapture(N, options));
        if (removed) emitListener(st, 'remove', removed, 'removeEventListener', captureStack());
      });
    }
    return result;
  });

  for (const type of LIFECYCLE_EVENTS) {
    const key = `on${type}`;
    const getHandler = N.getOwnDescriptor(proto, key)?.get;
    if (!getHandler) continue;
    wrapSetter(proto, key, (thisArg, value) => {
      const st = trackedOf(thisArg);
      if (!st) return;
      const present = typeof N.apply(getHandler, thisArg, []) === 'function';
      const change = st.registry.setHandler(type, present);
      if (change === 'none') return;
      const listener = present && typeof value === 'function' ? callbackId(value) : PROPERTY_SLOT;
      const entry: ListenerEntry = { event: type, listener, capture: false, once: false };
      emitListener(st, change === 'removed' ? 'remove' : 'add', entry, 'property', captureStack());
    });
  }

  wrapSetter(proto, 'binaryType', (thisArg, _value) => {
    const st = trackedOf(thisArg);
    if (!st) return;
    recorder.emit({
      type: 'binary-type',
      socket: st.id,
      at: recorder.now(),
      value: clip(N.apply(g.wsBinaryType, thisArg, []) as string, 32),
    });
  });

  wrapMethod(proto, 'close', (thisArg, args, call) => {
    const st = trackedOf(thisArg);
    if (!st) return call();
    let before: ReadyState = 3;
    let stack = '';
    safely(() => {
      before = readyState(thisArg as WebSocket);
      stack = captureStack();
    });
    const record = (error: ErrorInfo | null): void =>
      safely(() => {
        const [code, reason] = args;
        recorder.emit({
          type: 'close-call',
          socket: st.id,
          at: recorder.now(),
          code: typeof code === 'number' ? code : null,
          reason: typeof reason === 'string' ? clip(reason, LIMITS.reason) : null,
          readyState: before,
          stack,
          error,
        });
      });
    let result: unknown;
    try {
      result = call();
    } catch (error) {
      record(errorInfo(N, error));
      throw error;
    }
    record(null);
    return result;
  });

  wrapMethod(proto, 'send', (thisArg, args, call) => {
    const st = trackedOf(thisArg);
    if (!st) return call();
    let before: ReadyState = 1;
    safely(() => {
      before = readyState(thisArg as WebSocket);
    });
    let result: unknown;
    try {
      result = call();
    } catch (error) {
      safely(() =>
        recorder.emit({ type: 'send-rejected', socket: st.id, at: recorder.now(), error: errorInfo(N, error) }),
      );
      throw error;
    }
    safely(() => {
      if (before !== 1) {
        recorder.emit({
          type: 'send-rejected',
          socket: st.id,
          at: recorder.now(),
          error: { name: 'NotSent', message: 'send() while closing or closed: the browser discarded the data' },
        });
        return;
      }
      const withPreview = recorder.wantsPreview();
      const payload =
        describePayload(N, primitiveAsText(N, args[0]), withPreview) ??
        { size: 0, data: 'text' as const, preview: '', truncated: false };
      recorder.frame(st.id, 'out', payload, withPreview);
    });
    return result;
  });

  const ctorDescriptor = N.getOwnDescriptor(proto, 'constructor');
  if (ctorDescriptor) N.defineProperty(proto, 'constructor', { ...ctorDescriptor, value: WebSocketProxy });
  const globalDescriptor = N.getOwnDescriptor(win, 'WebSocket');
  if (globalDescriptor) N.defineProperty(win, 'WebSocket', { ...globalDescriptor, value: WebSocketProxy });

  function eventName(type: unknown): string {
    // The browser converted the type with ToString; doing it again for an object could run page
    // code twice, so only primitives are converted here.
    if (typeof type === 'string') return clip(type, LIMITS.eventType);
    if (typeof type === 'object' || typeof type === 'function' || typeof type === 'symbol') return '(object)';
    return N.String(type);
  }
}

/** send(42) sends "42": primitives are converted as the browser does; objects are not. */
function primitiveAsText(N: Natives, value: unknown): unknown {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return N.String(value);
  }
  return value;
}

/** name and message of what the browser threw, read without running page getters. */
export function errorInfo(N: Natives, error: unknown): ErrorInfo {
  try {
    return {
      name: N.apply(N.getters.domExceptionName, error, []) as string,
      message: clip(N.apply(N.getters.domExceptionMessage, error, []) as string, LIMITS.errorText),
    };
  } catch {
    // not a DOMException: a TypeError from argument conversion, or whatever the page threw
  }
  const read = (key: string): string => {
    for (let o: unknown = error; typeof o === 'object' && o !== null; o = N.getPrototypeOf(o)) {
      const d = N.getOwnDescriptor(o, key);
      if (d) return typeof d.value === 'string' ? clip(d.value, LIMITS.errorText) : '';
    }
    return '';
  };
  return { name: read('name') || 'Error', message: read('message') };
}
