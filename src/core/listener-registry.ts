/**
 * The EventTarget listener-list rules of the DOM standard, for one socket: which
 * addEventListener/removeEventListener calls take effect, which `once` listeners the browser
 * removes on dispatch, and the single slot each `on*` handler occupies. The hook feeds it the
 * calls it observes (after the browser has carried them out) and reports only what changed.
 */

/** Callback identity within one socket; the `on*` slot of a type uses PROPERTY_SLOT. */
export type CallbackId = number;
export const PROPERTY_SLOT: CallbackId = 0;

export interface ListenerEntry {
  readonly event: string;
  readonly listener: CallbackId;
  readonly capture: boolean;
  readonly once: boolean;
}

function keyOf(event: string, listener: CallbackId, capture: boolean): string {
  return `${capture ? 1 : 0}|${listener}|${event}`;
}

export class ListenerRegistry {
  readonly #entries = new Map<string, ListenerEntry>();

  /**
   * addEventListener: a duplicate (same type, callback, capture) is ignored, as browsers do.
   * Returns the stored entry, or null when the call changed nothing.
   */
  add(entry: ListenerEntry): ListenerEntry | null {
    const key = keyOf(entry.event, entry.listener, entry.capture);
    if (this.#entries.has(key)) return null;
    const stored = { ...entry };
    this.#entries.set(key, stored);
    return stored;
  }

  /** Removes exactly this entry if it is still registered (an AbortSignal's own listener). */
  removeEntry(entry: ListenerEntry): boolean {
    const key = keyOf(entry.event, entry.listener, entry.capture);
    if (this.#entries.get(key) !== entry) return false;
    this.#entries.delete(key);
    return true;
  }

  /** removeEventListener: matches on type, callback and capture only (not `once`). */
  remove(event: string, listener: CallbackId, capture: boolean): ListenerEntry | undefined {
    const key = keyOf(event, listener, capture);
    const found = this.#entries.get(key);
    if (found) this.#entries.delete(key);
    return found;
  }

  /**
   * An event of this type is being dispatched: the browser removes every `once` listener
   * registered for it before calling it. Returns the entries removed.
   */
  dispatch(event: string): ListenerEntry[] {
    const removed: ListenerEntry[] = [];
    for (const [key, entry] of this.#entries) {
      if (entry.once && entry.event === event) {
        this.#entries.delete(key);
        removed.push(entry);
      }
    }
    return removed;
  }

  /**
   * `on<event> = value`: the handler slot is one listener in the list. A function over a
   * function replaces the handler but keeps the slot's place (HTML standard), so the live count
   * does not change; the hook still reports it, because the page's code changed.
   */
  setHandler(event: string, present: boolean): 'added' | 'replaced' | 'removed' | 'none' {
    const key = keyOf(event, PROPERTY_SLOT, false);
    const had = this.#entries.has(key);
    if (present) {
      if (had) return 'replaced';
      this.#entries.set(key, { event, listener: PROPERTY_SLOT, capture: false, once: false });
      return 'added';
    }
    if (!had) return 'none';
    this.#entries.delete(key);
    return 'removed';
  }

  has(event: string, listener: CallbackId, capture: boolean): boolean {
    return this.#entries.has(keyOf(event, listener, capture));
  }

  hasOnce(event: string): boolean {
    for (const entry of this.#entries.values()) if (entry.once && entry.event === event) return true;
    return false;
  }

  get size(): number {
    return this.#entries.size;
  }
}
