import { bare, I, isObject, ownValue } from './intrinsics';

/**
 * How hook instances in same-origin realms find each other (a realm: one window's set of
 * built-ins; an iframe, a srcdoc or about:blank frame, a popup each have their own).
 *
 * Pages pass functions between same-origin realms: `frame.contentWindow.Function.prototype
 * .toString.call(WebSocket)` must print `function WebSocket() { [native code] }` although the
 * frame's cloak did not make the parent's Proxy. So every hooked realm that can reach another
 * shares one `HookGroup`: one registry of disguised functions and the set of realms already
 * hooked. And a frame that is its parent's scratch space (about:blank, about:srcdoc) is hooked
 * by the parent's instance and recorded into the parent's document, so its sockets outlive the
 * frame (a page may take `frame.contentWindow.WebSocket` and remove the frame).
 *
 * The only channel is one no page uses: every Proxy the hook makes answers
 * `Object.getOwnPropertyDescriptor(proxy, LINK_KEY)` with its instance's `HookLink` (the trap
 * reports a configurable, non-enumerable property that `ownKeys` never lists). A hook asks the
 * anchors of another realm (its `WebSocket`, `Function.prototype.toString`,
 * `EventTarget.prototype.addEventListener`) through data-property reads only, so a page that
 * replaced an anchor with its own function runs no code; it only makes the hook fall back to the
 * next anchor.
 */
export const LINK_KEY = '\u2060wsli-hook-link';
/** Hooks from different builds (an update while pages stay open) do not link. */
export const LINK_VERSION = 2;

export interface HookGroup {
  /** Stand-in → original, for every function any hook of the group disguised. */
  readonly originals: WeakMap<object, object>;
  /** Keyed by a realm's `Window.prototype` (immutable per realm): realms already hooked. */
  readonly realms: WeakMap<object, true>;
}

export interface HookLink {
  readonly version: number;
  readonly group: HookGroup;
  /**
   * Hooks `win` (a same-origin window of the group not hooked yet) with the linking instance's
   * code, recording into that instance's document. False when it did not (already hooked, or
   * not a window it can reach).
   */
  readonly hookRealm: (win: typeof globalThis) => boolean;
}

export function newGroup(): HookGroup {
  'use strict';
  return bare({
    originals: new I.WeakMapCtor<object, object>(),
    realms: new I.WeakMapCtor<object, true>(),
  });
}

/** The descriptor a hook Proxy reports for LINK_KEY. */
export function linkDescriptor(link: HookLink): PropertyDescriptor {
  'use strict';
  return bare({ value: link, writable: false, enumerable: false, configurable: true });
}

/** The link a hook Proxy answers with, or null for anything else. Never throws. */
export function linkOf(candidate: unknown): HookLink | null {
  'use strict';
  if (typeof candidate !== 'function') return null;
  try {
    const link = ownValue(candidate, LINK_KEY);
    if (!isObject(link) || ownValue(link, 'version') !== LINK_VERSION) return null;
    return link as HookLink;
  } catch {
    // a non-extensible target (the page froze it) makes the trap's answer throw: not linkable
    return null;
  }
}

/** The link of the hook in `win`'s realm, found through its anchors; null if none answers. */
export function findLink(win: unknown): HookLink | null {
  'use strict';
  try {
    const ws = linkOf(ownValue(win, 'WebSocket'));
    if (ws) return ws;
    const fnProto = ownValue(ownValue(win, 'Function'), 'prototype');
    const toString = linkOf(ownValue(fnProto, 'toString'));
    if (toString) return toString;
    const etProto = ownValue(ownValue(win, 'EventTarget'), 'prototype');
    return linkOf(ownValue(etProto, 'addEventListener'));
  } catch {
    // a window that is not same-origin any more
    return null;
  }
}

/** A realm's identity: its `Window.prototype`, which no page can change or replace. */
export function realmKey(win: object): object | null {
  'use strict';
  try {
    return I.getPrototypeOf(win);
  } catch {
    return null;
  }
}
