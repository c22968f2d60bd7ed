import { describe, expect, it } from 'vitest';
import { ListenerRegistry } from '../core/listener-registry';
import { ListenerList, PROPERTY_SLOT } from './listener-list';

const e = (event: string, listener: number, capture = false, once = false) => ({ event, listener, capture, once });

describe('ListenerList', () => {
  it('follows the same rules as the core ListenerRegistry, call for call', () => {
    const list = new ListenerList();
    const registry = new ListenerRegistry();
    const plain = (x: unknown): unknown => (x === null || x === undefined ? x : JSON.parse(JSON.stringify(x)));
    const both = <T>(f: (r: ListenerList | ListenerRegistry) => T): T => {
      const a = f(list);
      const b = f(registry);
      expect(plain(a)).toEqual(plain(b));
      expect(list.size).toBe(registry.size);
      return a;
    };
    both((r) => r.add(e('message', 1)));
    both((r) => r.add(e('message', 1))); // duplicate: ignored
    both((r) => r.add(e('message', 1, true))); // capture is another entry
    both((r) => r.add(e('message', 2, false, true)));
    both((r) => r.add(e('close', 3, false, true)));
    both((r) => r.hasOnce('message'));
    both((r) => r.dispatch('message')); // once entries of that type only
    both((r) => r.hasOnce('message'));
    both((r) => r.hasOnce('close'));
    both((r) => r.remove('message', 1, true));
    both((r) => r.remove('message', 1, true)); // already gone
    both((r) => r.has('message', 1, false));
    both((r) => r.setHandler('message', true));
    both((r) => r.setHandler('message', true));
    both((r) => r.setHandler('message', false));
    both((r) => r.setHandler('message', false));
    both((r) => r.has('message', PROPERTY_SLOT, false));
  });

  it('removeEntry removes exactly that entry (an AbortSignal removes the listener it was given with)', () => {
    const list = new ListenerList();
    const first = list.add(e('message', 1, false, true));
    expect(first).not.toBeNull();
    list.dispatch('message');
    const second = list.add(e('message', 1));
    expect(list.removeEntry(first!)).toBe(false);
    expect(list.removeEntry(second!)).toBe(true);
    expect(list.size).toBe(0);
  });

  it('works while a page has replaced what a Map, a Set and array iteration would call', () => {
    const saved = {
      mapSet: Map.prototype.set,
      setAdd: Set.prototype.add,
      iterator: Array.prototype[Symbol.iterator],
      push: Array.prototype.push,
    };
    const trap = (): never => {
      throw new Error('a page-patched built-in was called');
    };
    Map.prototype.set = trap;
    Set.prototype.add = trap;
    Array.prototype[Symbol.iterator] = trap;
    Array.prototype.push = trap;
    try {
      const list = new ListenerList();
      list.add(e('message', 1, false, true));
      list.add(e('message', 2, false, true));
      list.setHandler('open', true);
      const removed = list.dispatch('message');
      expect(removed.length).toBe(2);
      expect(list.size).toBe(1);
    } finally {
      Map.prototype.set = saved.mapSet;
      Set.prototype.add = saved.setAdd;
      Array.prototype[Symbol.iterator] = saved.iterator;
      Array.prototype.push = saved.push;
    }
  });
});
