/**
 * Every built-in the hook calls, saved when it starts (before any page script runs), so a page
 * that later replaces `Array.prototype.push`, `EventTarget.prototype.addEventListener` or
 * `JSON` can neither break the hook nor see it work. Calls go through `call(fn, this, ...args)`.
 */

type AnyFn = (...args: never[]) => unknown;

export interface Natives {
  readonly apply: typeof Reflect.apply;
  readonly construct: typeof Reflect.construct;
  readonly getOwnDescriptor: typeof Reflect.getOwnPropertyDescriptor;
  readonly defineProperty: typeof Reflect.defineProperty;
  readonly getPrototypeOf: typeof Reflect.getPrototypeOf;
  readonly isArray: typeof Array.isArray;
  readonly isView: typeof ArrayBuffer.isView;
  readonly ProxyCtor: ProxyConstructor;
  readonly WeakMapCtor: WeakMapConstructor;
  readonly MapCtor: MapConstructor;
  readonly ErrorCtor: ErrorConstructor;
  readonly Uint8ArrayCtor: Uint8ArrayConstructor;
  readonly String: StringConstructor;
  readonly stringSlice: (this: string, start?: number, end?: number) => string;
  readonly charCodeAt: (this: string, index: number) => number;
  readonly mapGet: Map<unknown, unknown>['get'];
  readonly mapSet: Map<unknown, unknown>['set'];
  readonly mapDelete: Map<unknown, unknown>['delete'];
  readonly weakGet: WeakMap<object, unknown>['get'];
  readonly weakSet: WeakMap<object, unknown>['set'];
  readonly weakHas: WeakMap<object, unknown>['has'];
  readonly push: unknown[]['push'];
  readonly setTimeout: (handler: () => void, ms: number) => number;
  readonly now: () => number;
  readonly timeOrigin: number;
  readonly addEventListener: EventTarget['addEventListener'];
  readonly removeEventListener: EventTarget['removeEventListener'];
  readonly dispatchEvent: EventTarget['dispatchEvent'];
  readonly MessageChannelCtor: typeof MessageChannel;
  readonly MessageEventCtor: typeof MessageEvent;
  readonly portPostMessage: MessagePort['postMessage'];
  readonly portClose: MessagePort['close'];
  readonly portStart: MessagePort['start'];
  readonly setPortOnMessage: (this: MessagePort, v: ((e: MessageEvent) => void) | null) => void;
  readonly getters: {
    readonly wsUrl: (this: WebSocket) => string;
    readonly wsReadyState: (this: WebSocket) => number;
    readonly wsProtocol: (this: WebSocket) => string;
    readonly wsExtensions: (this: WebSocket) => string;
    readonly wsBinaryType: (this: WebSocket) => string;
    readonly eventType: (this: Event) => string;
    readonly eventIsTrusted: (this: Event) => boolean;
    readonly messageData: (this: MessageEvent) => unknown;
    readonly closeCode: (this: CloseEvent) => number;
    readonly closeReason: (this: CloseEvent) => string;
    readonly closeWasClean: (this: CloseEvent) => boolean;
    readonly signalAborted: (this: AbortSignal) => boolean;
    readonly bufferByteLength: (this: ArrayBuffer) => number;
    readonly viewBuffer: (this: ArrayBufferView) => ArrayBufferLike;
    readonly viewByteOffset: (this: ArrayBufferView) => number;
    readonly viewByteLength: (this: ArrayBufferView) => number;
    readonly dataViewBuffer: (this: DataView) => ArrayBufferLike;
    readonly dataViewByteOffset: (this: DataView) => number;
    readonly dataViewByteLength: (this: DataView) => number;
    readonly blobSize: (this: Blob) => number;
    readonly domExceptionName: (this: DOMException) => string;
    readonly domExceptionMessage: (this: DOMException) => string;
    readonly messagePorts: (this: MessageEvent) => readonly MessagePort[];
    readonly pageTransitionPersisted: (this: PageTransitionEvent) => boolean;
  };
  readonly DOMExceptionCtor: typeof DOMException;
  readonly BlobCtor: typeof Blob;
  readonly ArrayBufferCtor: ArrayBufferConstructor;
}

function getter<T>(proto: object, key: string): T {
  const d = Reflect.getOwnPropertyDescriptor(proto, key);
  if (!d?.get) throw new TypeError(`no getter ${key}`);
  return d.get as T;
}

function method<T extends AnyFn>(proto: object, key: string): T {
  const d = Reflect.getOwnPropertyDescriptor(proto, key);
  if (typeof d?.value !== 'function') throw new TypeError(`no method ${key}`);
  return d.value as T;
}

/** Saves the natives of `win` (the hook's own window, or a same-origin child frame's). */
export function saveNatives(win: typeof globalThis): Natives {
  const typedArrayProto = Reflect.getPrototypeOf(win.Uint8Array.prototype) as object;
  const perf = win.performance;
  const perfNow = method<() => number>(win.Performance.prototype, 'now');
  const setTimeoutFn = win.setTimeout;
  return {
    apply: Reflect.apply,
    construct: Reflect.construct,
    getOwnDescriptor: Reflect.getOwnPropertyDescriptor,
    defineProperty: Reflect.defineProperty,
    getPrototypeOf: Reflect.getPrototypeOf,
    isArray: Array.isArray,
    isView: win.ArrayBuffer.isView,
    ProxyCtor: Proxy,
    WeakMapCtor: WeakMap,
    MapCtor: Map,
    ErrorCtor: win.Error,
    Uint8ArrayCtor: Uint8Array,
    String,
    stringSlice: String.prototype.slice,
    charCodeAt: String.prototype.charCodeAt,
    mapGet: Map.prototype.get,
    mapSet: Map.prototype.set,
    mapDelete: Map.prototype.delete,
    weakGet: WeakMap.prototype.get,
    weakSet: WeakMap.prototype.set,
    weakHas: WeakMap.prototype.has,
    push: Array.prototype.push,
    setTimeout: (handler, ms) => Reflect.apply(setTimeoutFn, win, [handler, ms]) as unknown as number,
    now: () => Reflect.apply(perfNow, perf, []) as number,
    timeOrigin: perf.timeOrigin,
    addEventListener: method(win.EventTarget.prototype, 'addEventListener'),
    removeEventListener: method(win.EventTarget.prototype, 'removeEventListener'),
    dispatchEvent: method(win.EventTarget.prototype, 'dispatchEvent'),
    MessageChannelCtor: win.MessageChannel,
    MessageEventCtor: win.MessageEvent,
    portPostMessage: method(win.MessagePort.prototype, 'postMessage'),
    portClose: method(win.MessagePort.prototype, 'close'),
    portStart: method(win.MessagePort.prototype, 'start'),
    setPortOnMessage: (() => {
      const d = Reflect.getOwnPropertyDescriptor(win.MessagePort.prototype, 'onmessage');
      if (!d?.set) throw new TypeError('no MessagePort.onmessage setter');
      return d.set as (this: MessagePort, v: ((e: MessageEvent) => void) | null) => void;
    })(),
    getters: {
      wsUrl: getter(win.WebSocket.prototype, 'url'),
      wsReadyState: getter(win.WebSocket.prototype, 'readyState'),
      wsProtocol: getter(win.WebSocket.prototype, 'protocol'),
      wsExtensions: getter(win.WebSocket.prototype, 'extensions'),
      wsBinaryType: getter(win.WebSocket.prototype, 'binaryType'),
      eventType: getter(win.Event.prototype, 'type'),
      eventIsTrusted: (() => {
        // isTrusted is an own unforgeable property of each Event instance, not a prototype getter.
        return function (this: Event): boolean {
          const d = Reflect.getOwnPropertyDescriptor(this, 'isTrusted');
          return d?.get ? (Reflect.apply(d.get, this, []) as boolean) : false;
        };
      })(),
      messageData: getter(win.MessageEvent.prototype, 'data'),
      closeCode: getter(win.CloseEvent.prototype, 'code'),
      closeReason: getter(win.CloseEvent.prototype, 'reason'),
      closeWasClean: getter(win.CloseEvent.prototype, 'wasClean'),
      signalAborted: getter(win.AbortSignal.prototype, 'aborted'),
      bufferByteLength: getter(win.ArrayBuffer.prototype, 'byteLength'),
      viewBuffer: getter(typedArrayProto, 'buffer'),
      viewByteOffset: getter(typedArrayProto, 'byteOffset'),
      viewByteLength: getter(typedArrayProto, 'byteLength'),
      dataViewBuffer: getter(win.DataView.prototype, 'buffer'),
      dataViewByteOffset: getter(win.DataView.prototype, 'byteOffset'),
      dataViewByteLength: getter(win.DataView.prototype, 'byteLength'),
      blobSize: getter(win.Blob.prototype, 'size'),
      domExceptionName: getter(win.DOMException.prototype, 'name'),
      domExceptionMessage: getter(win.DOMException.prototype, 'message'),
      messagePorts: getter(win.MessageEvent.prototype, 'ports'),
      pageTransitionPersisted: getter(win.PageTransitionEvent.prototype, 'persisted'),
    },
    DOMExceptionCtor: win.DOMException,
    BlobCtor: win.Blob,
    ArrayBufferCtor: win.ArrayBuffer,
  };
}
