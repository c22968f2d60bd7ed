import { bare, I } from './intrinsics';
import { LINK_KEY, linkDescriptor, type HookLink } from './link';

export interface ProxyTraps<T extends object> {
  apply?: (target: T, thisArg: unknown, args: unknown[]) => unknown;
  construct?: (target: T, args: unknown[], newTarget: object) => object;
}

/**
 * A Proxy of a native function that behaves as the function itself for everything but the
 * given traps:
 * - its handler has a null prototype, so a trap the handler lacks is never looked up on
 *   `Object.prototype` (where a page could have put a `get`, `has`, … of its own);
 * - `get` reads from the native with the native as receiver when the Proxy is the receiver, so
 *   accessors that check their receiver (`caller`, `arguments`) answer as for the native (a
 *   Proxy receiver makes V8 throw where the native gives null); a plain property read, so no
 *   `Reflect.get` frame shows in the stack of an error a page getter throws. There is no `set`
 *   trap: a failed assignment then fails with the engine's own message for the native;
 * - `Object.getOwnPropertyDescriptor(proxy, LINK_KEY)` answers with the hook's link (./link).
 */
export function nativeProxy<T extends object>(target: T, traps: ProxyTraps<T>, link: HookLink): T {
  'use strict';
  // eslint-disable-next-line prefer-const -- the traps need the Proxy made with them
  let proxy: T;
  const handler: ProxyHandler<T> = bare({
    get(t: T, key: PropertyKey, receiver: unknown): unknown {
      return receiver === proxy ? (t as Record<PropertyKey, unknown>)[key] : I.get(t, key, receiver);
    },
    getOwnPropertyDescriptor(t: T, key: PropertyKey): PropertyDescriptor | undefined {
      return key === LINK_KEY ? linkDescriptor(link) : I.getOwnDescriptor(t, key);
    },
  });
  if (traps.apply) handler.apply = traps.apply;
  if (traps.construct) handler.construct = traps.construct as ProxyHandler<T>['construct'];
  proxy = new I.ProxyCtor(target, handler);
  return proxy;
}
