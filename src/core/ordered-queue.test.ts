import { describe, expect, it } from 'vitest';
import { orderedQueue } from './ordered-queue';

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('orderedQueue', () => {
  it('hands a plain value on in the same call while nothing waits', () => {
    const got: number[] = [];
    const q = orderedQueue<number>((v) => got.push(v));
    q.push(1);
    expect(got).toEqual([1]);
  });

  it('holds what comes after a pending value until it is ready, then hands all on in push order', async () => {
    const got: number[] = [];
    const q = orderedQueue<number>((v) => got.push(v));
    const slow = deferred<number>();
    q.push(1);
    q.push(slow.promise);
    q.push(3);
    q.push(Promise.resolve(4));
    await settle();
    expect(got).toEqual([1]);
    slow.resolve(2);
    await settle();
    expect(got).toEqual([1, 2, 3, 4]);
  });

  it('goes back to handing values on at once when nothing waits any more', async () => {
    const got: number[] = [];
    const q = orderedQueue<number>((v) => got.push(v));
    q.push(Promise.resolve(1));
    await settle();
    q.push(2);
    expect(got).toEqual([1, 2]);
  });

  it('skips a value that fails, says so, and goes on with the rest in order', async () => {
    const got: number[] = [];
    const failures: unknown[] = [];
    const q = orderedQueue<number>((v) => got.push(v), (e) => failures.push(e));
    q.push(Promise.reject(new Error('broken')));
    q.push(2);
    await settle();
    expect(got).toEqual([2]);
    expect(failures).toEqual([new Error('broken')]);
  });
});
