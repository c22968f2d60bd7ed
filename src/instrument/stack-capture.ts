import { LIMITS } from '../protocol/limits';
import { OWN_URL } from './engine';
import { bare, clip, I, ownDescriptor } from './intrinsics';
import type { Natives } from './natives';

export type CaptureStack = () => string;

/** Extra frames asked for while capturing, so the hook's own do not crowd out the page's. */
const OWN_FRAMES_ALLOWANCE = 12;

/**
 * The capture error's prototype, set before its stack is first read (V8 formats it lazily): the
 * hook's own null-prototype object with `name` and `message`, so formatting the header reads
 * nothing from the page's `Error.prototype`, where a page may have put accessors. (A `new.target`
 * of the hook's own would not do: V8 hides every frame up to `new.target`, as for a subclass.)
 */
const CAPTURE_PROTO = bare({ name: 'Error', message: '' });

/** Firefox keeps `stack` as an accessor on Error.prototype; V8 as an own accessor of each error. */
const PROTO_STACK_GETTER = ownDescriptor(Error.prototype, 'stack')?.get;

/**
 * Stack capture that the page cannot observe:
 * - V8 calls a page-defined `Error.prepareStackTrace` (found on Error or up its prototype chain)
 *   when a stack is formatted, so while the page has one, or has made `Error.stackTraceLimit`
 *   anything but a writable number, stacks are not captured (recorded as '') rather than run or
 *   reveal the page's code from inside the hook;
 * - `Error.stackTraceLimit`, a plain number, is raised for the capture and put back, so the
 *   hook's own frames do not take the place of the page's;
 * - the text is cut with saved string methods only.
 */
export function stackCapturer(N: Natives): CaptureStack {
  'use strict';
  const ErrorCtor = N.ErrorCtor;
  const stackOf = (error: object): unknown => {
    const d = ownDescriptor(error, 'stack');
    if (d !== undefined) return typeof d.get === 'function' ? I.apply(d.get, error, []) : d.value;
    return typeof PROTO_STACK_GETTER === 'function' ? I.apply(PROTO_STACK_GETTER, error, []) : undefined;
  };
  const pagePrepares = (): boolean => {
    // V8 finds prepareStackTrace on Error or anywhere up its prototype chain.
    for (let o: object | null = ErrorCtor; o !== null; o = I.getPrototypeOf(o)) {
      if (I.getOwnDescriptor(o, 'prepareStackTrace') !== undefined) return true;
    }
    return false;
  };
  return () => {
    if (pagePrepares()) return '';
    const limitDescriptor = ownDescriptor(ErrorCtor, 'stackTraceLimit');
    let limit: number | null = null;
    if (limitDescriptor !== undefined) {
      // An accessor (or a non-number) is the page's own: reading or changing it could be seen.
      if (typeof limitDescriptor.value !== 'number' || limitDescriptor.writable !== true) return '';
      limit = limitDescriptor.value;
      I.set(ErrorCtor, 'stackTraceLimit', limit + OWN_FRAMES_ALLOWANCE);
    }
    let raw: unknown;
    try {
      const error = N.construct(ErrorCtor, []) as object;
      I.setPrototypeOf(error, CAPTURE_PROTO);
      raw = stackOf(error);
    } finally {
      if (limit !== null) I.set(ErrorCtor, 'stackTraceLimit', limit);
    }
    if (typeof raw !== 'string') return '';
    return clip(pageFrames(raw, OWN_URL, limit), LIMITS.stack);
  };
}

/**
 * The frame lines after the last one in the hook's own code, trimmed, at most `limit` of them:
 * what the stack would have shown had the page's call reached the browser directly.
 */
export function pageFrames(stack: string, ownUrl: string | null, limit: number | null): string {
  'use strict';
  let start = 0;
  if (ownUrl !== null) {
    const own = I.apply(I.lastIndexOf, stack, [ownUrl]) as number;
    if (own >= 0) {
      const eol = I.apply(I.indexOf, stack, ['\n', own]) as number;
      start = eol < 0 ? stack.length : eol + 1;
    }
  }
  let out = '';
  let kept = 0;
  while (start < stack.length && (limit === null || kept < limit)) {
    let end = I.apply(I.indexOf, stack, ['\n', start]) as number;
    if (end < 0) end = stack.length;
    const line = trim(I.apply(I.stringSlice, stack, [start, end]) as string);
    start = end + 1;
    if (!isFrameLine(line)) continue;
    out = kept === 0 ? line : `${out}\n${line}`;
    kept++;
  }
  return out;
}

function isFrameLine(line: string): boolean {
  'use strict';
  return (I.apply(I.indexOf, line, ['at ']) as number) === 0 || (I.apply(I.indexOf, line, ['@']) as number) >= 0;
}

function trim(s: string): string {
  'use strict';
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(I.apply(I.charCodeAt, s, [a]) as number)) a++;
  while (b > a && isSpace(I.apply(I.charCodeAt, s, [b - 1]) as number)) b--;
  return a === 0 && b === s.length ? s : (I.apply(I.stringSlice, s, [a, b]) as string);
}

function isSpace(c: number): boolean {
  'use strict';
  return c === 32 || c === 9 || c === 13 || c === 10;
}
