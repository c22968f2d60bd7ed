import { LIMITS } from '../protocol/limits';
import { V8_STACKS } from './engine';
import { append, bare, clip, I, isObject, list, ownValue } from './intrinsics';

export interface ProtocolsSpy {
  /** What to pass the native constructor instead of the page's `protocols`. */
  readonly value: unknown;
  /** The subprotocols as the browser read them, once the constructor returned. */
  read(): string[];
}

type Callable = (...args: unknown[]) => unknown;

/** The realm's array iteration as it was when the hook started (only needed, so only read, in V8). */
const ARRAY_PROTO = Array.prototype;
const ARRAY_ITERATOR = Array.prototype[Symbol.iterator];
const ARRAY_ITERATOR_PROTO = V8_STACKS ? (Reflect.getPrototypeOf([][Symbol.iterator]()) as object) : null;
const ARRAY_ITERATOR_NEXT = ownValue(ARRAY_ITERATOR_PROTO, 'next');
const STRUCTURED_CLONE = V8_STACKS && typeof structuredClone === 'function' ? structuredClone : undefined;

/**
 * Whether this engine converts a real JS array passed as `protocols` by index, without its
 * iterator. Blink does, for any JSArray, even one with a patched or own `@@iterator` (see the
 * crbug.com/715122 note in its sequence conversion); Gecko follows WebIDL and uses the iterator.
 * Blink runs on V8, told by its stack format (./engine). (Probing the behaviour with an own
 * `@@iterator` on an array would disable V8's array-iteration fast paths for the whole page.)
 */
const ARRAYS_SKIP_ITERATOR: boolean = V8_STACKS;

function arrayIterationPristine(): boolean {
  'use strict';
  return ownValue(ARRAY_PROTO, I.iteratorSymbol) === ARRAY_ITERATOR && ownValue(ARRAY_ITERATOR_PROTO, 'next') === ARRAY_ITERATOR_NEXT;
}

/**
 * `new WebSocket(url, protocols)`: the browser converts `protocols` (a string, or any iterable
 * of strings) itself; reading the page's value again would be seen by a page whose array has
 * getters, is a Proxy (a Vue or MobX reactive array) or an iterable of its own. So an object is
 * passed to the native behind spies that forward the browser's `@@iterator` read and call, its
 * `next` read and calls, and each result's `done`/`value` reads, to the page's objects, with the
 * page's objects as `this` and receiver, keeping each value. The spies' own targets are empty
 * objects of the hook's, so Proxy invariant checks never reach the page's objects.
 *
 * In an engine that skips the iterator for real arrays, a real array is what the page would see
 * converted by index: while the realm's array iteration is untouched, the spy's iteration (the
 * original iterator, reading length and indices) is indistinguishable from that; when the page
 * replaced it, a real array (told from a Proxy by `structuredClone`, which rejects a Proxy
 * without calling its traps) is copied once, by index, and the native gets the copy.
 */
export function spyOnProtocols(protocols: unknown, given: boolean): ProtocolsSpy {
  'use strict';
  const values = list<string>();
  const keep = (v: unknown): void => {
    if (values.length < LIMITS.protocols) append(values, typeof v === 'string' ? clip(v, LIMITS.protocol) : '?');
  };
  const read = (): string[] => values;
  if (!given || protocols === undefined) return bare({ value: protocols, read });
  if (!isObject(protocols)) {
    // A primitive converts with ToString (no page code); a symbol makes the native throw.
    if (typeof protocols !== 'symbol') keep(typeof protocols === 'string' ? protocols : I.String(protocols));
    return bare({ value: protocols, read });
  }
  if (ARRAYS_SKIP_ITERATOR && I.isArray(protocols) && STRUCTURED_CLONE !== undefined && !arrayIterationPristine()) {
    let copy: unknown;
    try {
      copy = STRUCTURED_CLONE(protocols);
    } catch {
      copy = undefined; // a Proxy, or elements that do not clone: the spy below
    }
    if (I.isArray(copy)) {
      const a = copy as unknown[];
      for (let i = 0; i < a.length; i++) keep(a[i]);
      return bare({ value: copy, read });
    }
  }

  const resultSpy = (result: unknown): unknown => {
    if (!isObject(result)) return result; // the browser throws its own TypeError for it
    const page = result as Record<PropertyKey, unknown>;
    return new I.ProxyCtor(
      bare({}),
      bare({
        get(_t: object, key: PropertyKey): unknown {
          const value = page[key];
          if (key === 'value') keep(value);
          return value;
        },
      }),
    );
  };
  const iteratorSpy = (iterator: unknown): unknown => {
    if (!isObject(iterator)) return iterator;
    const page = iterator as Record<PropertyKey, unknown>;
    const bound =
      (fn: Callable, spyResult: boolean) =>
      (...args: unknown[]): unknown => {
        const result = I.apply(fn, iterator, args);
        return spyResult ? resultSpy(result) : result;
      };
    return new I.ProxyCtor(
      bare({}),
      bare({
        get(_t: object, key: PropertyKey): unknown {
          const value = page[key];
          if (typeof value !== 'function') return value;
          if (key === 'next') return bound(value as Callable, true);
          if (key === 'return' || key === 'throw') return bound(value as Callable, false);
          return value;
        },
      }),
    );
  };
  const page = protocols as Record<PropertyKey, unknown>;
  const spy = new I.ProxyCtor(
    bare({}),
    bare({
      get(_t: object, key: PropertyKey): unknown {
        const value = page[key];
        if (key !== I.iteratorSymbol || typeof value !== 'function') return value;
        return (): unknown => iteratorSpy(I.apply(value as Callable, protocols, []));
      },
    }),
  );
  return bare({ value: spy, read });
}
