import { describe, expect, it } from 'vitest';
import { ListenerRegistry, PROPERTY_SLOT, type ListenerEntry } from './listener-registry';

const entry = (over: Partial<ListenerEntry> = {}): ListenerEntry => ({
  event: 'message',
  listener: 1,
  capture: false,
  once: false,
  ...over,
});

describe('ListenerRegistry.add', () => {
  it('stores a new listener and returns an equal entry', () => {
    const r = new ListenerRegistry();
    const stored = r.add(entry({ listener: 7, capture: true, once: true }));
    expect(stored).toEqual({ event: 'message', listener: 7, capture: true, once: true });
    expect(r.size).toBe(1);
    expect(r.has('message', 7, true)).toBe(true);
  });

  it('stores its own copy: mutating the caller’s object does not change the stored entry', () => {
    const r = new ListenerRegistry();
    const mine = { event: 'message', listener: 1, capture: false, once: false };
    const stored = r.add(mine);
    expect(stored).not.toBe(mine);
    mine.event = 'close';
    expect(r.has('message', 1, false)).toBe(true);
    expect(r.has('close', 1, false)).toBe(false);
  });

  it('ignores a second add of the same callback and capture', () => {
    const r = new ListenerRegistry();
    r.add(entry());
    expect(r.add(entry())).toBeNull();
    expect(r.size).toBe(1);
  });

  it('ignores a duplicate that differs only in once, and keeps the first registration’s once', () => {
    const r = new ListenerRegistry();
    r.add(entry({ once: true }));
    expect(r.add(entry({ once: false }))).toBeNull();
    expect(r.hasOnce('message')).toBe(true);
  });

  it('treats the same callback with a different capture as a second listener', () => {
    const r = new ListenerRegistry();
    expect(r.add(entry({ capture: false }))).not.toBeNull();
    expect(r.add(entry({ capture: true }))).not.toBeNull();
    expect(r.size).toBe(2);
  });

  it('treats the same callback on another event type as a second listener', () => {
    const r = new ListenerRegistry();
    r.add(entry({ event: 'message' }));
    expect(r.add(entry({ event: 'close' }))).not.toBeNull();
    expect(r.size).toBe(2);
  });

  it('treats another callback on the same type as a second listener', () => {
    const r = new ListenerRegistry();
    r.add(entry({ listener: 1 }));
    expect(r.add(entry({ listener: 2 }))).not.toBeNull();
    expect(r.size).toBe(2);
  });

  it('keeps event types apart even when they look like key separators', () => {
    const r = new ListenerRegistry();
    r.add(entry({ event: '1|message', listener: 2 }));
    expect(r.has('message', 2, false)).toBe(false);
    expect(r.add(entry({ event: 'message', listener: 2 }))).not.toBeNull();
  });

  it('accepts the same listener again once it has been removed', () => {
    const r = new ListenerRegistry();
    r.add(entry());
    r.remove('message', 1, false);
    expect(r.add(entry())).not.toBeNull();
    expect(r.size).toBe(1);
  });
});

describe('ListenerRegistry.remove (removeEventListener)', () => {
  it('removes and returns the matching entry', () => {
    const r = new ListenerRegistry();
    r.add(entry({ listener: 3 }));
    expect(r.remove('message', 3, false)).toEqual(entry({ listener: 3 }));
    expect(r.size).toBe(0);
    expect(r.has('message', 3, false)).toBe(false);
  });

  it('matches on type, callback and capture, not once', () => {
    const r = new ListenerRegistry();
    r.add(entry({ once: true }));
    expect(r.remove('message', 1, false)).toEqual(entry({ once: true }));
    expect(r.size).toBe(0);
  });

  it('removes only the listener with the given capture', () => {
    const r = new ListenerRegistry();
    r.add(entry({ capture: false }));
    r.add(entry({ capture: true }));
    expect(r.remove('message', 1, true)).toEqual(entry({ capture: true }));
    expect(r.has('message', 1, false)).toBe(true);
    expect(r.has('message', 1, true)).toBe(false);
  });

  it('returns undefined and changes nothing when nothing matches', () => {
    const r = new ListenerRegistry();
    r.add(entry());
    expect(r.remove('message', 2, false)).toBeUndefined();
    expect(r.remove('close', 1, false)).toBeUndefined();
    expect(r.remove('message', 1, true)).toBeUndefined();
    expect(r.size).toBe(1);
  });

  it('returns undefined for a second removal of the same listener', () => {
    const r = new ListenerRegistry();
    r.add(entry());
    r.remove('message', 1, false);
    expect(r.remove('message', 1, false)).toBeUndefined();
  });
});

describe('ListenerRegistry.removeEntry (AbortSignal)', () => {
  it('removes the exact stored entry', () => {
    const r = new ListenerRegistry();
    const stored = r.add(entry())!;
    expect(r.removeEntry(stored)).toBe(true);
    expect(r.size).toBe(0);
  });

  it('returns false when the entry was already removed', () => {
    const r = new ListenerRegistry();
    const stored = r.add(entry())!;
    r.remove('message', 1, false);
    expect(r.removeEntry(stored)).toBe(false);
  });

  it('does not remove an equal-looking object that is not the stored entry', () => {
    const r = new ListenerRegistry();
    r.add(entry());
    expect(r.removeEntry(entry())).toBe(false);
    expect(r.size).toBe(1);
  });

  it('does not remove a later re-registration of the same callback', () => {
    const r = new ListenerRegistry();
    const first = r.add(entry())!;
    r.remove('message', 1, false);
    const second = r.add(entry())!;
    expect(r.removeEntry(first)).toBe(false);
    expect(r.has('message', 1, false)).toBe(true);
    expect(r.removeEntry(second)).toBe(true);
  });

  it('returns false for a once listener already removed by dispatch', () => {
    const r = new ListenerRegistry();
    const stored = r.add(entry({ once: true }))!;
    r.dispatch('message');
    expect(r.removeEntry(stored)).toBe(false);
  });

  it('still removes the kept entry after a duplicate add was ignored', () => {
    const r = new ListenerRegistry();
    const kept = r.add(entry())!;
    expect(r.add(entry())).toBeNull();
    expect(r.removeEntry(kept)).toBe(true);
    expect(r.size).toBe(0);
  });
});

describe('ListenerRegistry.dispatch (once listeners)', () => {
  it('removes and returns every once listener of the dispatched type', () => {
    const r = new ListenerRegistry();
    r.add(entry({ listener: 1, once: true }));
    r.add(entry({ listener: 2, once: true, capture: true }));
    const removed = r.dispatch('message');
    expect(removed).toEqual([
      entry({ listener: 1, once: true }),
      entry({ listener: 2, once: true, capture: true }),
    ]);
    expect(r.size).toBe(0);
  });

  it('leaves listeners without once in place', () => {
    const r = new ListenerRegistry();
    r.add(entry({ listener: 1, once: false }));
    r.add(entry({ listener: 2, once: true }));
    expect(r.dispatch('message')).toEqual([entry({ listener: 2, once: true })]);
    expect(r.has('message', 1, false)).toBe(true);
  });

  it('leaves once listeners of other types in place', () => {
    const r = new ListenerRegistry();
    r.add(entry({ event: 'close', once: true }));
    r.add(entry({ event: 'message', listener: 2, once: true }));
    expect(r.dispatch('message')).toEqual([entry({ listener: 2, once: true })]);
    expect(r.has('close', 1, false)).toBe(true);
    expect(r.hasOnce('close')).toBe(true);
  });

  it('returns nothing on a second dispatch of the same type', () => {
    const r = new ListenerRegistry();
    r.add(entry({ once: true }));
    r.dispatch('message');
    expect(r.dispatch('message')).toEqual([]);
  });

  it('never removes an on* handler slot', () => {
    const r = new ListenerRegistry();
    r.setHandler('message', true);
    expect(r.dispatch('message')).toEqual([]);
    expect(r.has('message', PROPERTY_SLOT, false)).toBe(true);
  });
});

describe('ListenerRegistry.setHandler (on* properties)', () => {
  it('reports added when a handler is set on an empty slot', () => {
    const r = new ListenerRegistry();
    expect(r.setHandler('message', true)).toBe('added');
    expect(r.size).toBe(1);
    expect(r.has('message', PROPERTY_SLOT, false)).toBe(true);
  });

  it('reports replaced, and keeps one slot, when a handler is set over a handler', () => {
    const r = new ListenerRegistry();
    r.setHandler('message', true);
    expect(r.setHandler('message', true)).toBe('replaced');
    expect(r.size).toBe(1);
  });

  it('reports removed when a handler is cleared', () => {
    const r = new ListenerRegistry();
    r.setHandler('message', true);
    expect(r.setHandler('message', false)).toBe('removed');
    expect(r.size).toBe(0);
    expect(r.has('message', PROPERTY_SLOT, false)).toBe(false);
  });

  it('reports none when an empty slot is cleared', () => {
    const r = new ListenerRegistry();
    expect(r.setHandler('message', false)).toBe('none');
    expect(r.size).toBe(0);
  });

  it('keeps one slot per event type', () => {
    const r = new ListenerRegistry();
    expect(r.setHandler('message', true)).toBe('added');
    expect(r.setHandler('close', true)).toBe('added');
    expect(r.size).toBe(2);
    expect(r.setHandler('close', false)).toBe('removed');
    expect(r.has('message', PROPERTY_SLOT, false)).toBe(true);
  });

  it('is independent of addEventListener listeners of the same type', () => {
    const r = new ListenerRegistry();
    r.add(entry({ listener: 5 }));
    expect(r.setHandler('message', true)).toBe('added');
    expect(r.setHandler('message', false)).toBe('removed');
    expect(r.has('message', 5, false)).toBe(true);
  });

  it('is not a once listener', () => {
    const r = new ListenerRegistry();
    r.setHandler('message', true);
    expect(r.hasOnce('message')).toBe(false);
  });
});

describe('ListenerRegistry.hasOnce', () => {
  it('is true only while a once listener of that type is registered', () => {
    const r = new ListenerRegistry();
    expect(r.hasOnce('message')).toBe(false);
    r.add(entry({ once: false }));
    expect(r.hasOnce('message')).toBe(false);
    r.add(entry({ listener: 2, once: true }));
    expect(r.hasOnce('message')).toBe(true);
    expect(r.hasOnce('close')).toBe(false);
    r.remove('message', 2, false);
    expect(r.hasOnce('message')).toBe(false);
  });
});
