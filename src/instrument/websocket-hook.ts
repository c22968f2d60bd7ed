import type { ErrorInfo, ListenerVia, ReadyState, SocketId } from '../core/events';
import { LIMITS } from '../protocol/limits';
import type { Cloak } from './cloak';
import { append, arg, bare, clip, I, isObject, list, ownDescriptor } from './intrinsics';
import type { HookLink } from './link';
import { ListenerList, PROPERTY_SLOT, type ListenerEntry } from './listener-list';
import { spyOnOptions, type ListenerOptions, type OptionsSpy } from './listener-options';
import type { Natives } from './natives';
import { describePayload } from './payload';
import { spyOnProtocols } from './protocols';
import { nativeProxy } from './proxies';
import type { Recorder } from './recorder';
import type { CaptureStack } from './stack-capture';

interface Tracked {
  readonly id: SocketId;
  readonly registry: ListenerList;
  /** Event types the hook's own observer listens to on this socket. */
  readonly observed: Record<string, true | undefined>;
}

const LIFECYCLE_EVENTS = ['open', 'message', 'error', 'close'] as const;
type AnyFunction = (...args: unknown[]) => unknown;

/**
 * What every realm a hook instance took over shares: the document's recorder, and the sockets
 * and callbacks it knows (so `EventTarget.prototype.addEventListener` of one realm called on a
 * socket of another is still recorded).
 */
export interface HookState {
  readonly recorder: Recorder;
  readonly tracked: WeakMap<object, Tracked>;
  readonly callbackIds: WeakMap<object, number>;
  lastCallback: number;
  /** Sockets not yet closed, by id: what the panel may ask to close. Null prototype. */
  readonly live: Record<number, object>;
  /** Closes a live socket for the panel (set by the first realm hooked); null before. */
  closeSocket: ((id: number, code: number, reason: string) => void) | null;
  /** Called when the hook's own code failed; the page never sees it. */
  readonly onInternalError: (error: unknown) => void;
}

export function newHookState(recorder: Recorder, onInternalError: (error: unknown) => void): HookState {
  'use strict';
  return bare({
    recorder,
    tracked: new I.WeakMapCtor<object, Tracked>(),
    callbackIds: new I.WeakMapCtor<object, number>(),
    lastCallback: PROPERTY_SLOT,
    live: bare({}) as Record<number, object>,
    closeSocket: null,
    onInternalError,
  });
}

export interface HookContext {
  readonly win: typeof globalThis;
  readonly N: Natives;
  readonly state: HookState;
  readonly captureStack: CaptureStack;
  readonly cloak: Cloak;
  readonly link: HookLink;
}

/**
 * Wraps `WebSocket` in `ctx.win` so that everything the page does with a socket is recorded,
 * and nothing the page can observe changes: the constructor is a Proxy (statics, prototype,
 * `instanceof` and subclassing forward to the native), the prototype keeps its own property
 * names, each patched function is a Proxy of the native one disguised by the cloak, the page's
 * own listeners are passed to the browser untouched, and every native call happens first, so
 * errors reach the page exactly as the browser threw them. Arguments the browser converts
 * (protocols, listener options) are read through spies as the browser reads them, never again.
 * The hook observes through its own capturing listeners, added with the saved native
 * `addEventListener` when a socket is made.
 */
export function installWebSocketHook(ctx: HookContext): void {
  'use strict';
  const { win, N, state, captureStack, cloak, link } = ctx;
  const recorder = state.recorder;
  const NativeWebSocket = ownDescriptor(win, 'WebSocket')?.value;
  if (typeof NativeWebSocket !== 'function') return;
  const proto = ownDescriptor(NativeWebSocket, 'prototype')?.value;
  if (!isObject(proto)) return;
  const eventTargetCtor = ownDescriptor(win, 'EventTarget')?.value;
  const eventTargetProto = isObject(eventTargetCtor) ? ownDescriptor(eventTargetCtor, 'prototype')?.value : undefined;
  const g = N.getters;
  const tracked = state.tracked;

  const safely = (work: () => void): void => {
    try {
      work();
    } catch (error) {
      state.onInternalError(error);
    }
  };
  const trackedOf = (target: unknown): Tracked | undefined =>
    typeof target === 'object' && target !== null
      ? (N.apply(N.weakGet, tracked, [target]) as Tracked | undefined)
      : undefined;
  const callbackId = (callback: object): number => {
    let id = N.apply(N.weakGet, state.callbackIds, [callback]) as number | undefined;
    if (id === undefined) {
      id = ++state.lastCallback;
      N.apply(N.weakSet, state.callbackIds, [callback, id]);
    }
    return id;
  };
  const readyState = (ws: object): ReadyState => N.apply(g.wsReadyState, ws, []) as ReadyState;
  /** `args` with one argument replaced, for the native call; a null-prototype copy. */
  const withArg = (args: readonly unknown[], index: number, value: unknown): unknown[] => {
    const copy = list<unknown>();
    for (let i = 0; i < args.length; i++) append(copy, i === index ? value : args[i]);
    return copy;
  };

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
      const removed = st.registry.dispatch(type);
      for (let i = 0; i < removed.length; i++) emitListener(st, 'remove', removed[i] as ListenerEntry, 'once', '');
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
        delete state.live[st.id];
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
    if (st.observed[type] === true) return;
    st.observed[type] = true;
    N.apply(N.addEventListener, ws, [type, observe, true]);
  };

  // ── construction ──────────────────────────────────────────────────────────────────────────
  const track = (ws: WebSocket, protocols: string[]): void => {
    const st: Tracked = bare({ id: recorder.nextSocketId(), registry: new ListenerList(), observed: bare({}) });
    N.apply(N.weakSet, tracked, [ws, st]);
    state.live[st.id] = ws;
    for (let i = 0; i < LIFECYCLE_EVENTS.length; i++) observeType(ws, st, LIFECYCLE_EVENTS[i] as string);
    recorder.emit({
      type: 'created',
      socket: st.id,
      at: recorder.now(),
      url: clip(N.apply(g.wsUrl, ws, []) as string, LIMITS.url),
      protocols,
      stack: captureStack(),
    });
  };

  const WebSocketProxy = nativeProxy(
    NativeWebSocket as typeof WebSocket,
    {
      construct(target, args: unknown[], newTarget: object) {
        // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- Reflect.construct's own type
        const ctor = target as unknown as Function;
        let callArgs = args;
        let readProtocols: (() => string[]) | null = null;
        try {
          const spy = spyOnProtocols(arg(args, 1), args.length > 1);
          readProtocols = spy.read;
          if (args.length > 1 && spy.value !== args[1]) callArgs = withArg(args, 1, spy.value);
        } catch (error) {
          state.onInternalError(error);
        }
        const ws = N.construct(ctor, callArgs, newTarget as Function) as WebSocket;
        safely(() => track(ws, readProtocols ? readProtocols() : list()));
        return ws;
      },
    },
    link,
  );
  cloak.disguise(WebSocketProxy, NativeWebSocket);

  // ── patching: each a Proxy of the native, native call first ──────────────────────────────
  const wrapMethod = (
    owner: unknown,
    key: string,
    trap: (target: AnyFunction, thisArg: unknown, args: unknown[]) => unknown,
  ): void => {
    if (!isObject(owner)) return;
    const d = ownDescriptor(owner, key);
    if (typeof d?.value !== 'function') return;
    const native = d.value as AnyFunction;
    const proxy = nativeProxy(native, { apply: trap }, link);
    d.value = cloak.disguise(proxy, native);
    N.defineProperty(owner, key, d);
  };

  const wrapSetter = (owner: object, key: string, after: (thisArg: unknown, value: unknown) => void): void => {
    const d = ownDescriptor(owner, key);
    if (typeof d?.set !== 'function') return;
    const native = d.set;
    const proxy = nativeProxy(
      native,
      {
        apply(target, thisArg: unknown, args: unknown[]) {
          const result = N.apply(target, thisArg, args);
          safely(() => after(thisArg, arg(args, 0)));
          return result;
        },
      },
      link,
    );
    d.set = cloak.disguise(proxy, native);
    N.defineProperty(owner, key, d);
  };

  /** Options as the browser read them, for the native call (the spy) and for the record. */
  const optionsFor = (args: unknown[]): { callArgs: unknown[]; spy: OptionsSpy | null } => {
    if (args.length <= 2) return { callArgs: args, spy: null };
    try {
      const spy = spyOnOptions(args[2]);
      return { callArgs: spy.value === args[2] ? args : withArg(args, 2, spy.value), spy };
    } catch (error) {
      state.onInternalError(error);
      return { callArgs: args, spy: null };
    }
  };
  const noOptions = (): ListenerOptions => spyOnOptions(undefined).read();

  wrapMethod(eventTargetProto, 'addEventListener', (target, thisArg, args) => {
    const st = trackedOf(thisArg);
    if (st === undefined) return N.apply(target, thisArg, args);
    const { callArgs, spy } = optionsFor(args);
    const result = N.apply(target, thisArg, callArgs);
    safely(() => recordAdd(thisArg as WebSocket, st, args, spy ? spy.read() : noOptions()));
    return result;
  });

  const recordAdd = (ws: WebSocket, st: Tracked, args: unknown[], opts: ListenerOptions): void => {
    const callback = arg(args, 1);
    if (!isObject(callback)) return;
    if (opts.signal !== null && (N.apply(g.signalAborted, opts.signal, []) as boolean)) return;
    const entry = st.registry.add({
      event: eventName(arg(args, 0)),
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
      N.apply(N.addEventListener, signal, ['abort', onAbort, bare({ once: true })]);
    }
  };

  wrapMethod(eventTargetProto, 'removeEventListener', (target, thisArg, args) => {
    const st = trackedOf(thisArg);
    if (st === undefined) return N.apply(target, thisArg, args);
    const { callArgs, spy } = optionsFor(args);
    const result = N.apply(target, thisArg, callArgs);
    safely(() => {
      const callback = arg(args, 1);
      if (!isObject(callback)) return;
      const id = N.apply(N.weakGet, state.callbackIds, [callback]) as number | undefined;
      if (id === undefined) return;
      const capture = (spy ? spy.read() : noOptions()).capture;
      const removed = st.registry.remove(eventName(arg(args, 0)), id, capture);
      if (removed) emitListener(st, 'remove', removed, 'removeEventListener', captureStack());
    });
    return result;
  });

  for (let i = 0; i < LIFECYCLE_EVENTS.length; i++) {
    const type = LIFECYCLE_EVENTS[i] as string;
    const key = `on${type}`;
    const getHandler = ownDescriptor(proto, key)?.get;
    if (typeof getHandler !== 'function') continue;
    wrapSetter(proto, key, (thisArg, value) => {
      const st = trackedOf(thisArg);
      if (!st) return;
      const present = typeof N.apply(getHandler, thisArg, []) === 'function';
      const change = st.registry.setHandler(type, present);
      if (change === 'none') return;
      const listener = present && typeof value === 'function' ? callbackId(value) : PROPERTY_SLOT;
      const entry: ListenerEntry = bare({ event: type, listener, capture: false, once: false });
      emitListener(st, change === 'removed' ? 'remove' : 'add', entry, 'property', captureStack());
    });
  }

  wrapSetter(proto, 'binaryType', (thisArg) => {
    const st = trackedOf(thisArg);
    if (!st) return;
    recorder.emit({
      type: 'binary-type',
      socket: st.id,
      at: recorder.now(),
      value: clip(N.apply(g.wsBinaryType, thisArg, []) as string, 32),
    });
  });

  /** A close() call, the page's or the panel's (`byInspector`), and its outcome. */
  const emitCloseCall = (
    socket: number,
    code: number | null,
    reason: string | null,
    before: ReadyState,
    stack: string,
    error: ErrorInfo | null,
    byInspector: boolean,
  ): void => {
    recorder.emit({
      type: 'close-call',
      socket,
      at: recorder.now(),
      // NaN is what WebIDL's [Clamp] turns into 0 before close() sees it: record that 0,
      // since NaN does not survive every hop (JSON exports) and is not a close code.
      // (No Number.isNaN: a page can watch every global the hook calls.)
      code: code !== null && code !== code ? 0 : code,
      reason: reason === null ? null : clip(reason, LIMITS.reason),
      readyState: before,
      stack,
      error,
      ...(byInspector ? { origin: 'inspector' as const } : {}),
    });
  };

  const nativeClose = ownDescriptor(proto, 'close')?.value;
  if (state.closeSocket === null && typeof nativeClose === 'function') {
    // The panel's "close socket": the native close(), as if the page had called it, recorded
    // as coming from the inspector. It never throws into the page: the panel validated the
    // arguments, and a rejection is recorded like the page's own.
    state.closeSocket = (id, code, reason) =>
      safely(() => {
        const ws = state.live[id];
        if (ws === undefined) return;
        const before = readyState(ws);
        let error: ErrorInfo | null = null;
        try {
          N.apply(nativeClose, ws, [code, reason]);
        } catch (thrown) {
          error = errorInfo(N, thrown);
        }
        emitCloseCall(id, code, reason, before, '', error, true);
      });
  }

  wrapMethod(proto, 'close', (target, thisArg, args) => {
    const st = trackedOf(thisArg);
    if (!st) return N.apply(target, thisArg, args);
    let before: ReadyState = 3;
    let stack = '';
    safely(() => {
      before = readyState(thisArg as WebSocket);
      stack = captureStack();
    });
    const record = (error: ErrorInfo | null): void =>
      safely(() => {
        const code = arg(args, 0);
        const reason = arg(args, 1);
        emitCloseCall(st.id, typeof code === 'number' ? code : null, typeof reason === 'string' ? reason : null, before, stack, error, false);
      });
    let result: unknown;
    try {
      result = N.apply(target, thisArg, args);
    } catch (error) {
      record(errorInfo(N, error));
      throw error;
    }
    record(null);
    return result;
  });

  wrapMethod(proto, 'send', (target, thisArg, args) => {
    const st = trackedOf(thisArg);
    if (!st) return N.apply(target, thisArg, args);
    let before: ReadyState = 1;
    safely(() => {
      before = readyState(thisArg as WebSocket);
    });
    let result: unknown;
    try {
      result = N.apply(target, thisArg, args);
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
        describePayload(N, primitiveAsText(N, arg(args, 0)), withPreview) ??
        { size: 0, data: 'text' as const, preview: '', truncated: false };
      recorder.frame(st.id, 'out', payload, withPreview);
    });
    return result;
  });

  const ctorDescriptor = ownDescriptor(proto, 'constructor');
  if (ctorDescriptor) {
    ctorDescriptor.value = WebSocketProxy;
    N.defineProperty(proto, 'constructor', ctorDescriptor);
  }
  const globalDescriptor = ownDescriptor(win, 'WebSocket');
  if (globalDescriptor) {
    globalDescriptor.value = WebSocketProxy;
    N.defineProperty(win, 'WebSocket', globalDescriptor);
  }

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
  'use strict';
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return N.String(value);
  }
  return value;
}

/**
 * name and message of what the browser threw, read without running page code: a DOMException
 * through its getters, another error's own data properties; anything else (a value thrown by the
 * page's own conversion code, which may be a Proxy) is not looked into.
 */
export function errorInfo(N: Natives, error: unknown): ErrorInfo {
  'use strict';
  try {
    return {
      name: N.apply(N.getters.domExceptionName, error, []) as string,
      message: clip(N.apply(N.getters.domExceptionMessage, error, []) as string, LIMITS.errorText),
    };
  } catch {
    // not a DOMException: a TypeError from argument conversion, or whatever the page threw
  }
  if (!isObject(error)) return { name: 'thrown value', message: typeof error };
  if (I.isError !== undefined && !I.isError(error)) return { name: 'thrown object', message: '' };
  const read = (key: string): string => {
    for (let o: object | null = error; o !== null; o = N.getPrototypeOf(o)) {
      const d = ownDescriptor(o, key);
      if (d) return typeof d.value === 'string' ? clip(d.value, LIMITS.errorText) : '';
    }
    return '';
  };
  return { name: read('name') || 'Error', message: read('message') };
}
