/**
 * The DOM built-ins of one window the hook calls, saved when the hook takes that window over
 * (document_start for its own window; for a same-origin frame, the moment it reaches it), so a
 * page that later replaces `EventTarget.prototype.addEventListener`, `CustomEvent` or a getter
 * can neither break the hook nor see it work. The JavaScript built-ins are the hook realm's own,
 * saved once (./intrinsics). Calls go through `N.apply(fn, this, args)`.
 */
import { append, bare, I, isObject, list, ownDescriptor, ownValue } from './intrinsics';

type AnyFn = (...args: never[]) => unknown;

/** Thrown when a window lacks something the hook needs (its caller gives up on that window). */
const MISSING = bare({ missing: true });

export interface Natives {
  readonly apply: typeof Reflect.apply;
  readonly construct: typeof Reflect.construct;
  readonly get: typeof Reflect.get;
  readonly set: typeof Reflect.set;
  readonly getOwnDescriptor: typeof Reflect.getOwnPropertyDescriptor;
  readonly defineProperty: typeof Reflect.defineProperty;
  readonly getPrototypeOf: typeof Reflect.getPrototypeOf;
  readonly isArray: typeof Array.isArray;
  readonly isView: typeof ArrayBuffer.isView;
  readonly ProxyCtor: ProxyConstructor;
  readonly WeakMapCtor: WeakMapConstructor;
  readonly ErrorCtor: ErrorConstructor;
  readonly Uint8ArrayCtor: Uint8ArrayConstructor;
  readonly String: StringConstructor;
  readonly stringSlice: (this: string, start?: number, end?: number) => string;
  readonly charCodeAt: (this: string, index: number) => number;
  readonly weakGet: (this: WeakMap<object, unknown>, key: object) => unknown;
  readonly weakSet: (this: WeakMap<object, unknown>, key: object, value: unknown) => unknown;
  readonly weakHas: (this: WeakMap<object, unknown>, key: object) => boolean;
  readonly push: (this: unknown[], ...items: unknown[]) => number;
  readonly setTimeout: (handler: () => void, ms: number) => number;
  readonly now: () => number;
  readonly timeOrigin: number;
  readonly addEventListener: EventTarget['addEventListener'];
  readonly removeEventListener: EventTarget['removeEventListener'];
  readonly dispatchEvent: EventTarget['dispatchEvent'];
  readonly EventTargetCtor: typeof EventTarget;
  readonly MouseEventCtor: typeof MouseEvent;
  readonly CustomEventCtor: typeof CustomEvent;
  readonly parseJson: (text: string) => unknown;
  readonly getters: {
    readonly wsUrl: (this: WebSocket) => string;
    readonly wsReadyState: (this: WebSocket) => number;
    readonly wsProtocol: (this: WebSocket) => string;
    readonly wsExtensions: (this: WebSocket) => string;
    readonly wsBinaryType: (this: WebSocket) => string;
    readonly eventType: (this: Event) => string;
    readonly eventIsTrusted: (this: Event) => boolean;
    readonly messageData: (this: MessageEvent) => unknown;
    readonly customEventDetail: (this: CustomEvent) => unknown;
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
    readonly pageTransitionPersisted: (this: PageTransitionEvent) => boolean;
    /** null for a top-level window and for a frame whose parent is not same-origin. */
    readonly frameElement: ((this: Window) => Element | null) | undefined;
    readonly parent: ((this: Window) => Window | null) | undefined;
    readonly document: ((this: Window) => Document) | undefined;
    readonly opener: ((this: Window) => Window | null) | undefined;
    readonly defaultView: ((this: Document) => Window | null) | undefined;
    /** Frame elements' content documents: null when cross-origin (no exception). */
    readonly contentDocuments: readonly FrameAccessor[];
  };
  readonly DOMExceptionCtor: typeof DOMException;
}

/** A `contentWindow` / `contentDocument` getter of a frame-like element interface. */
export interface FrameAccessor {
  readonly proto: object;
  readonly contentDocument: ((this: Element) => Document | null) | undefined;
}

function getter<T>(proto: unknown, key: string): T {
  'use strict';
  const d = isObject(proto) ? ownDescriptor(proto, key) : undefined;
  if (typeof d?.get !== 'function') throw MISSING;
  return d.get as T;
}

function optionalGetter<T>(proto: unknown, key: string): T | undefined {
  'use strict';
  const d = isObject(proto) ? ownDescriptor(proto, key) : undefined;
  return typeof d?.get === 'function' ? (d.get as T) : undefined;
}

function method<T extends AnyFn>(proto: unknown, key: string): T {
  'use strict';
  const v = ownValue(proto, key);
  if (typeof v !== 'function') throw MISSING;
  return v as T;
}

/** An interface object's prototype, read as own data properties of the window. */
export function protoOf(win: object, name: string): object | undefined {
  'use strict';
  const ctor = ownValue(win, name);
  const proto = ownValue(ctor, 'prototype');
  return isObject(proto) ? proto : undefined;
}

function ctor<T>(win: object, name: string): T {
  'use strict';
  const v = ownValue(win, name);
  if (typeof v !== 'function') throw MISSING;
  return v as T;
}

/** Saves the natives of `win` (the hook's own window, or a same-origin frame's). */
export function saveNatives(win: typeof globalThis): Natives {
  'use strict';
  const p = (name: string): object | undefined => protoOf(win, name);
  const typedArrayProto = I.getPrototypeOf(p('Uint8Array') ?? {}) as object;
  const windowProto = I.getPrototypeOf(win);
  // [Global] attributes are own properties of the window; look on Window.prototype as well.
  const windowGetter = <T>(key: string): T | undefined =>
    optionalGetter<T>(win, key) ?? optionalGetter<T>(windowProto, key);
  const perfGetter = windowGetter<(this: unknown) => unknown>('performance');
  if (!perfGetter) throw MISSING;
  const perf = I.apply(perfGetter, win, []);
  const perfNow = method<() => number>(p('Performance'), 'now');
  const timeOrigin = I.apply(getter<(this: unknown) => number>(p('Performance'), 'timeOrigin'), perf, []) as number;
  const setTimeoutFn = method<(h: () => void, ms: number) => number>(win, 'setTimeout');
  const frameInterfaces = ['HTMLIFrameElement', 'HTMLFrameElement', 'HTMLObjectElement'];
  const contentDocuments = list<FrameAccessor>();
  for (let i = 0; i < frameInterfaces.length; i++) {
    const proto = p(frameInterfaces[i] as string);
    if (proto) append(contentDocuments, { proto, contentDocument: optionalGetter(proto, 'contentDocument') });
  }
  const et = p('EventTarget');
  return {
    apply: I.apply,
    construct: I.construct,
    get: I.get,
    set: I.set,
    getOwnDescriptor: I.getOwnDescriptor,
    defineProperty: I.defineProperty,
    getPrototypeOf: I.getPrototypeOf,
    isArray: I.isArray,
    isView: method(ownValue(win, 'ArrayBuffer'), 'isView'),
    ProxyCtor: I.ProxyCtor,
    WeakMapCtor: I.WeakMapCtor,
    ErrorCtor: ctor(win, 'Error'),
    Uint8ArrayCtor: ctor(win, 'Uint8Array'),
    String: I.String,
    stringSlice: I.stringSlice,
    charCodeAt: I.charCodeAt,
    weakGet: I.weakGet,
    weakSet: I.weakSet,
    weakHas: I.weakHas,
    push: I.push,
    setTimeout: (handler, ms) => I.apply(setTimeoutFn, win, [handler, ms]) as number,
    now: () => I.apply(perfNow, perf, []) as number,
    timeOrigin,
    addEventListener: method(et, 'addEventListener'),
    removeEventListener: method(et, 'removeEventListener'),
    dispatchEvent: method(et, 'dispatchEvent'),
    EventTargetCtor: ctor(win, 'EventTarget'),
    MouseEventCtor: ctor(win, 'MouseEvent'),
    CustomEventCtor: ctor(win, 'CustomEvent'),
    parseJson: I.parseJson,
    getters: {
      wsUrl: getter(p('WebSocket'), 'url'),
      wsReadyState: getter(p('WebSocket'), 'readyState'),
      wsProtocol: getter(p('WebSocket'), 'protocol'),
      wsExtensions: getter(p('WebSocket'), 'extensions'),
      wsBinaryType: getter(p('WebSocket'), 'binaryType'),
      eventType: getter(p('Event'), 'type'),
      eventIsTrusted: function (this: Event): boolean {
        'use strict';
        // isTrusted is an own unforgeable property of each Event instance, not a prototype getter.
        const d = ownDescriptor(this, 'isTrusted');
        return typeof d?.get === 'function' ? (I.apply(d.get, this, []) as boolean) : false;
      },
      messageData: getter(p('MessageEvent'), 'data'),
      customEventDetail: getter(p('CustomEvent'), 'detail'),
      closeCode: getter(p('CloseEvent'), 'code'),
      closeReason: getter(p('CloseEvent'), 'reason'),
      closeWasClean: getter(p('CloseEvent'), 'wasClean'),
      signalAborted: getter(p('AbortSignal'), 'aborted'),
      bufferByteLength: getter(p('ArrayBuffer'), 'byteLength'),
      viewBuffer: getter(typedArrayProto, 'buffer'),
      viewByteOffset: getter(typedArrayProto, 'byteOffset'),
      viewByteLength: getter(typedArrayProto, 'byteLength'),
      dataViewBuffer: getter(p('DataView'), 'buffer'),
      dataViewByteOffset: getter(p('DataView'), 'byteOffset'),
      dataViewByteLength: getter(p('DataView'), 'byteLength'),
      blobSize: getter(p('Blob'), 'size'),
      domExceptionName: getter(p('DOMException'), 'name'),
      domExceptionMessage: getter(p('DOMException'), 'message'),
      pageTransitionPersisted: getter(p('PageTransitionEvent'), 'persisted'),
      frameElement: windowGetter('frameElement'),
      parent: windowGetter('parent'),
      document: windowGetter('document'),
      opener: windowGetter('opener'),
      defaultView: optionalGetter(p('Document'), 'defaultView'),
      contentDocuments,
    },
    DOMExceptionCtor: ctor(win, 'DOMException'),
  };
}
