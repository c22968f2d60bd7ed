import { describe, expect, it } from 'vitest';
import { spyOnOptions } from './listener-options';
import { spyOnProtocols } from './protocols';

/** Reads a dictionary the way WebIDL does: one [[Get]] per member, in order. */
function readAsBrowser(options: unknown): Record<string, unknown> {
  const o = options as Record<string, unknown>;
  return { capture: o.capture, once: o.once, passive: o.passive, signal: o.signal };
}

/** Converts `(DOMString or sequence<DOMString>)` from an object the way WebIDL does. */
function iterateAsBrowser(value: unknown): string[] {
  const v = value as Record<PropertyKey, unknown>;
  const method = v[Symbol.iterator] as (this: unknown) => { next: () => IteratorResult<unknown> };
  const iterator = method.call(value) as Record<string, unknown>;
  const next = iterator.next as () => Record<string, unknown>;
  const out: string[] = [];
  for (;;) {
    const result = next.call(iterator);
    if (result.done) return out;
    out.push(String(result.value));
  }
}

/** A Proxy that logs every trap the engine or the hook triggers on it. */
function logged<T extends object>(target: T, log: string[], label: string): T {
  const handler: ProxyHandler<T> = {};
  for (const trap of ['get', 'has', 'getOwnPropertyDescriptor', 'ownKeys', 'getPrototypeOf', 'defineProperty', 'set'] as const) {
    (handler as Record<string, unknown>)[trap] = (...args: unknown[]) => {
      log.push(`${label} ${trap} ${trap === 'ownKeys' || trap === 'getPrototypeOf' ? '' : String(args[1])}`.trim());
      return (Reflect[trap] as (...a: unknown[]) => unknown)(...args);
    };
  }
  return new Proxy(target, handler);
}

describe('spyOnOptions', () => {
  it('converts primitives as WebIDL (dictionary or boolean) does', () => {
    expect(spyOnOptions(undefined).read().capture).toBe(false);
    expect(spyOnOptions(null).read().capture).toBe(false);
    expect(spyOnOptions(true).read().capture).toBe(true);
    expect(spyOnOptions(1).read().capture).toBe(true);
    expect(spyOnOptions('').read().capture).toBe(false);
    expect(spyOnOptions(false).value).toBe(false);
  });

  it("lets the page's getters run once each, with the page's object as this, and keeps their values", () => {
    const calls: string[] = [];
    const signal = new AbortController().signal;
    const options = {
      get capture() {
        calls.push(`capture ${this === options}`);
        return 1;
      },
      get once() {
        calls.push(`once ${this === options}`);
        return 'yes';
      },
      get signal() {
        calls.push(`signal ${this === options}`);
        return signal;
      },
    };
    const spy = spyOnOptions(options);
    expect(readAsBrowser(spy.value)).toMatchObject({ capture: 1, once: 'yes', signal });
    expect(calls).toEqual(['capture true', 'once true', 'signal true']);
    expect(spy.read()).toEqual({ capture: true, once: true, signal });
    expect(calls).toHaveLength(3); // read() runs no page code
  });

  it("shows a page's Proxy only the browser's own reads (no invariant-check lookups)", () => {
    const log: string[] = [];
    const spy = spyOnOptions(logged({ once: true }, log, 'options'));
    readAsBrowser(spy.value);
    spy.read();
    expect(log).toEqual(['options get capture', 'options get once', 'options get passive', 'options get signal']);
  });
});

describe('spyOnProtocols', () => {
  it('keeps strings and converted primitives, and nothing when none were given', () => {
    expect(spyOnProtocols(undefined, false).read()).toEqual([]);
    expect(spyOnProtocols(undefined, true).read()).toEqual([]);
    expect(spyOnProtocols('chat', true).read()).toEqual(['chat']);
    expect(spyOnProtocols(42, true).read()).toEqual(['42']);
    expect(spyOnProtocols(null, true).read()).toEqual(['null']);
  });

  it("sees an iterable's values as the browser takes them, calling the page's functions with the page's this", () => {
    const seen: string[] = [];
    const iterable = {
      [Symbol.iterator]() {
        seen.push(`iterator this=iterable ${this === iterable}`);
        let i = 0;
        const iterator = {
          next() {
            seen.push(`next this=iterator ${this === iterator}`);
            i++;
            return i <= 2 ? { done: false, value: `p${i}` } : { done: true, value: undefined };
          },
        };
        return iterator;
      },
    };
    const spy = spyOnProtocols(iterable, true);
    expect(iterateAsBrowser(spy.value)).toEqual(['p1', 'p2']);
    expect(spy.read()).toEqual(['p1', 'p2']);
    expect(seen).toEqual([
      'iterator this=iterable true',
      'next this=iterator true',
      'next this=iterator true',
      'next this=iterator true',
    ]);
  });

  it("shows a page's Proxy array (a reactive array) exactly the reads of iterating it", () => {
    const direct: string[] = [];
    iterateAsBrowser(logged(['a', 'b'], direct, 'array'));
    const viaSpy: string[] = [];
    const spy = spyOnProtocols(logged(['a', 'b'], viaSpy, 'array'), true);
    expect(iterateAsBrowser(spy.value)).toEqual(['a', 'b']);
    expect(spy.read()).toEqual(['a', 'b']);
    expect(viaSpy).toEqual(direct);
  });

  it('hands V8 a copy of a real array, without the page-patched iterator, as Blink converts arrays by index', () => {
    const saved = Array.prototype[Symbol.iterator];
    let patchedCalls = 0;
    Array.prototype[Symbol.iterator] = function (this: unknown[]) {
      patchedCalls++;
      return saved.call(this);
    };
    try {
      const page = ['x', 'y'];
      const spy = spyOnProtocols(page, true);
      expect(patchedCalls).toBe(0);
      expect(spy.value).not.toBe(page);
      expect(Array.isArray(spy.value)).toBe(true);
      expect(spy.read()).toEqual(['x', 'y']);
    } finally {
      Array.prototype[Symbol.iterator] = saved;
    }
  });
});
