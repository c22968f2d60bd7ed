import type { Natives } from './natives';

export interface Cloak {
  /** Makes `Function.prototype.toString` print `original`'s source for `stand_in`. */
  disguise<T extends object>(standIn: T, original: object): T;
}

/**
 * A Proxy around a native function already forwards `name`, `length` and `prototype`, but
 * `Function.prototype.toString` would print it as `function () { [native code] }`, without its
 * name. The cloak replaces `toString` by a Proxy of itself that prints each stand-in as its
 * original, and itself as the native `toString`, so `String(WebSocket)` is unchanged.
 */
export function installCloak(win: typeof globalThis, N: Natives): Cloak {
  const originals = N.construct(N.WeakMapCtor, []) as WeakMap<object, object>;
  const fnProto = win.Function.prototype;
  const descriptor = N.getOwnDescriptor(fnProto, 'toString');
  const nativeToString = descriptor?.value as ((this: unknown) => string) | undefined;
  const disguise = <T extends object>(standIn: T, original: object): T => {
    N.apply(N.weakSet, originals, [standIn, original]);
    return standIn;
  };
  if (!descriptor || typeof nativeToString !== 'function') return { disguise };
  const toString = new N.ProxyCtor(nativeToString, {
    apply(target, thisArg: unknown, args: unknown[]) {
      const original =
        typeof thisArg === 'function' ? (N.apply(N.weakGet, originals, [thisArg]) as object | undefined) : undefined;
      return N.apply(target, original ?? thisArg, args);
    },
  });
  disguise(toString, nativeToString);
  N.defineProperty(fnProto, 'toString', { ...descriptor, value: toString });
  return { disguise };
}
