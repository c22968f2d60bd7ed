import { I, isObject, ownDescriptor } from './intrinsics';
import type { HookGroup, HookLink } from './link';
import { nativeProxy } from './proxies';

export interface Cloak {
  /** Makes `Function.prototype.toString` (of every realm of the group) print `original` for `standIn`. */
  disguise<T extends object>(standIn: T, original: object): T;
}

/**
 * A Proxy around a native function already forwards `name`, `length` and `prototype`, but
 * `Function.prototype.toString` would print it as `function () { [native code] }`, without its
 * name. The cloak replaces `toString` in `win` by a Proxy of itself that prints each stand-in as
 * its original, and itself as the native `toString`. The stand-ins are registered in the group's
 * registry, shared by every realm of the group, so a frame's `toString` applied to the parent's
 * `WebSocket` prints the native text too.
 */
export function installCloak(win: typeof globalThis, group: HookGroup, link: HookLink): Cloak {
  'use strict';
  const originals = group.originals;
  const disguise = <T extends object>(standIn: T, original: object): T => {
    I.apply(I.weakSet, originals, [standIn, original]);
    return standIn;
  };
  const fnCtor = ownDescriptor(win, 'Function')?.value;
  const fnProto = typeof fnCtor === 'function' ? ownDescriptor(fnCtor, 'prototype')?.value : undefined;
  const descriptor = isObject(fnProto) ? ownDescriptor(fnProto, 'toString') : undefined;
  const nativeToString = descriptor?.value;
  if (!descriptor || typeof nativeToString !== 'function' || I.apply(I.weakHas, originals, [nativeToString])) {
    // No toString to cloak, or it is already a stand-in of the group.
    return { disguise };
  }
  const toString = nativeProxy(
    nativeToString as (this: unknown) => string,
    {
      apply(target, thisArg: unknown, args: unknown[]) {
        const original =
          typeof thisArg === 'function' ? (I.apply(I.weakGet, originals, [thisArg]) as object | undefined) : undefined;
        return I.apply(target, original ?? thisArg, args);
      },
    },
    link,
  );
  disguise(toString, nativeToString);
  descriptor.value = toString;
  I.defineProperty(fnProto as object, 'toString', descriptor);
  return { disguise };
}
