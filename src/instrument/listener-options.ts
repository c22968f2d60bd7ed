import { bare, I, isObject } from './intrinsics';

export interface ListenerOptions {
  readonly capture: boolean;
  readonly once: boolean;
  readonly signal: AbortSignal | null;
}

export interface OptionsSpy {
  /** What to pass the native instead of the page's options. */
  readonly value: unknown;
  /** The options as the browser converted them, once the native call returned. */
  read(): ListenerOptions;
}

/**
 * `addEventListener(type, cb, options)`: the hook must know `capture`, `once` and `signal`, but
 * reading them again would be seen by a page whose options object has getters or is a Proxy.
 * So when options is an object, the native gets a spy: a Proxy whose `get` trap reads each key
 * from the page's object (a plain `options[key]`, the same [[Get]] with the same receiver the
 * browser would make) and keeps the value. The spy's own target is an empty object of the hook's,
 * so the engine's Proxy invariant checks never reach the page's object. The page sees the
 * browser's reads, in the browser's order, and nothing else. Primitives convert as WebIDL's
 * `(dictionary or boolean)`: undefined/null are an empty dictionary, others `capture` as boolean.
 */
export function spyOnOptions(options: unknown): OptionsSpy {
  'use strict';
  if (!isObject(options)) {
    const capture = options === undefined || options === null ? false : !!options;
    const fixed: ListenerOptions = bare({ capture, once: false, signal: null });
    return bare({ value: options, read: () => fixed });
  }
  const page = options as Record<PropertyKey, unknown>;
  let capture: unknown;
  let once: unknown;
  let signal: unknown;
  const spy = new I.ProxyCtor(
    bare({}),
    bare({
      get(_target: object, key: PropertyKey): unknown {
        const value = page[key];
        if (key === 'capture') capture = value;
        else if (key === 'once') once = value;
        else if (key === 'signal') signal = value;
        return value;
      },
    }),
  );
  return bare({
    value: spy,
    read: (): ListenerOptions =>
      bare({ capture: !!capture, once: !!once, signal: isObject(signal) ? (signal as AbortSignal) : null }),
  });
}
