import { PROPERTY_SLOT, type CallbackId, type ListenerEntry } from '../core/listener-registry';
import { append, bare, list } from './intrinsics';

export { PROPERTY_SLOT, type CallbackId, type ListenerEntry };

/**
 * The DOM standard's listener-list rules for one socket, as src/core/listener-registry.ts has
 * them, kept with nothing a page can patch: entries in null-prototype objects keyed by strings
 * (no Map, no iteration protocol). `once` entries are also counted per event type, so an event
 * of a type without any (almost every message) costs one property read.
 */
export class ListenerList {
  readonly #entries: Record<string, ListenerEntry | undefined> = bare({});
  readonly #once: Record<string, number | undefined> = bare({});
  #size = 0;

  /** addEventListener: a duplicate (same type, callback, capture) is ignored, as browsers do. */
  add(entry: ListenerEntry): ListenerEntry | null {
    const key = keyOf(entry.event, entry.listener, entry.capture);
    if (this.#entries[key] !== undefined) return null;
    const stored: ListenerEntry = bare({
      event: entry.event,
      listener: entry.listener,
      capture: entry.capture,
      once: entry.once,
    });
    this.#put(key, stored);
    return stored;
  }

  /** Removes exactly this entry if it is still registered (an AbortSignal's own listener). */
  removeEntry(entry: ListenerEntry): boolean {
    const key = keyOf(entry.event, entry.listener, entry.capture);
    if (this.#entries[key] !== entry) return false;
    this.#drop(key, entry);
    return true;
  }

  /** removeEventListener: matches on type, callback and capture only (not `once`). */
  remove(event: string, listener: CallbackId, capture: boolean): ListenerEntry | undefined {
    const key = keyOf(event, listener, capture);
    const found = this.#entries[key];
    if (found !== undefined) this.#drop(key, found);
    return found;
  }

  /** An event of this type is dispatched: the browser removes its `once` listeners first. */
  dispatch(event: string): ListenerEntry[] {
    const removed = list<ListenerEntry>();
    if ((this.#once[event] ?? 0) === 0) return removed;
    for (const key in this.#entries) {
      const entry = this.#entries[key];
      if (entry !== undefined && entry.once && entry.event === event) {
        this.#drop(key, entry);
        append(removed, entry);
      }
    }
    return removed;
  }

  /**
   * `on<event> = value`: the handler slot is one listener in the list; a function over a
   * function keeps the slot's place but is reported, because the page's code changed.
   */
  setHandler(event: string, present: boolean): 'added' | 'replaced' | 'removed' | 'none' {
    const key = keyOf(event, PROPERTY_SLOT, false);
    const had = this.#entries[key];
    if (present) {
      if (had !== undefined) return 'replaced';
      this.#put(key, bare({ event, listener: PROPERTY_SLOT, capture: false, once: false }));
      return 'added';
    }
    if (had === undefined) return 'none';
    this.#drop(key, had);
    return 'removed';
  }

  has(event: string, listener: CallbackId, capture: boolean): boolean {
    return this.#entries[keyOf(event, listener, capture)] !== undefined;
  }

  hasOnce(event: string): boolean {
    return (this.#once[event] ?? 0) > 0;
  }

  get size(): number {
    return this.#size;
  }

  #put(key: string, entry: ListenerEntry): void {
    this.#entries[key] = entry;
    this.#size++;
    if (entry.once) this.#once[entry.event] = (this.#once[entry.event] ?? 0) + 1;
  }

  #drop(key: string, entry: ListenerEntry): void {
    delete this.#entries[key];
    this.#size--;
    if (entry.once) this.#once[entry.event] = (this.#once[entry.event] ?? 1) - 1;
  }
}

function keyOf(event: string, listener: CallbackId, capture: boolean): string {
  'use strict';
  return `${capture ? 1 : 0}|${listener}|${event}`;
}
