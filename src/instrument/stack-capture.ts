import { parseStack, stripOwnFrames } from '../core/stack';
import { clip, LIMITS } from '../protocol/limits';
import type { Natives } from './natives';

export type CaptureStack = () => string;

/**
 * Stack capture that the page cannot observe. V8 calls a page-defined
 * `Error.prepareStackTrace` when a stack is formatted, so while the page has one, stacks are
 * not captured (recorded as '') rather than run the page's code from inside the hook.
 */
export function stackCapturer(N: Natives): CaptureStack {
  // The innermost frame of a stack taken here is in the hook's own bundle.
  const ownUrl = parseStack(readStack(N)).find((f) => f.url !== '')?.url ?? null;
  const isOwn = (url: string): boolean => url === ownUrl;
  return () => {
    if (N.getOwnDescriptor(N.ErrorCtor, 'prepareStackTrace') !== undefined) return '';
    const raw = readStack(N);
    return clip(ownUrl === null ? raw : stripOwnFrames(raw, isOwn), LIMITS.stack);
  };
}

function readStack(N: Natives): string {
  const stack = (N.construct(N.ErrorCtor, []) as Error).stack;
  return typeof stack === 'string' ? stack : '';
}
