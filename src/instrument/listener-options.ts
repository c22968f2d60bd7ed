import type { Natives } from './natives';

export interface ListenerOptions {
  readonly capture: boolean;
  readonly once: boolean;
  readonly signal: AbortSignal | null;
}

/**
 * The options the browser read from `addEventListener(type, cb, options)`, read again without
 * running page code: data properties only (own or inherited). An option behind a getter is
 * taken as absent, since calling the getter a second time could be observed by the page.
 */
export function readListenerOptions(N: Natives, options: unknown): ListenerOptions {
  if (typeof options === 'boolean') return { capture: options, once: false, signal: null };
  if (typeof options !== 'object' || options === null) return { capture: false, once: false, signal: null };
  const signal = dataProperty(N, options, 'signal');
  return {
    capture: !!dataProperty(N, options, 'capture'),
    once: !!dataProperty(N, options, 'once'),
    signal: typeof signal === 'object' && signal !== null ? (signal as AbortSignal) : null,
  };
}

/** removeEventListener only reads `capture`. */
export function readCapture(N: Natives, options: unknown): boolean {
  if (typeof options === 'boolean') return options;
  if (typeof options !== 'object' || options === null) return false;
  return !!dataProperty(N, options, 'capture');
}

function dataProperty(N: Natives, obj: object, key: string): unknown {
  for (let o: object | null = obj; o !== null; o = N.getPrototypeOf(o)) {
    const d = N.getOwnDescriptor(o, key);
    if (d) return 'value' in d ? d.value : undefined;
  }
  return undefined;
}
