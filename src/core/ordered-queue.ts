/**
 * Hands values on in the order they were pushed, though some are still being computed
 * (a promise): what comes after a pending one waits for it. A value pushed while nothing waits
 * is handed on at once, in the same call. A promise that rejects (or a delivery that throws) is skipped; `onFailed` is told.
 */
export interface OrderedQueue<T> {
  push(value: T | Promise<T>): void;
}

export function orderedQueue<T>(deliver: (value: T) => void, onFailed: (error: unknown) => void = () => undefined): OrderedQueue<T> {
  let tail: Promise<void> | null = null;
  return {
    push(value) {
      if (tail === null && !(value instanceof Promise)) {
        deliver(value);
        return;
      }
      const next: Promise<void> = (tail ?? Promise.resolve())
        .then(() => value)
        .then(deliver)
        .catch(onFailed)
        .finally(() => {
          if (tail === next) tail = null;
        });
      tail = next;
    },
  };
}
