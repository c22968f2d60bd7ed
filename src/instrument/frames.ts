import type { Cloak } from './cloak';
import { ownDescriptor } from './intrinsics';
import type { HookLink } from './link';
import type { Natives } from './natives';
import { nativeProxy } from './proxies';

/**
 * A same-origin frame's realm can exist before any content script ran in it: the initial
 * about:blank document of a frame that is about to navigate (`src`, `srcdoc`, `javascript:`),
 * in Chromium and Firefox alike, and in Chromium every document of a frame sandboxed without
 * `allow-scripts`. A page can take `frame.contentWindow.WebSocket` there. So the getters through
 * which page code reaches a frame's window (`contentWindow`, `contentDocument` of iframe, frame
 * and object elements) are wrapped: after the native getter, a same-origin window whose realm no
 * hook took over yet is handed to `onFrame`, which hooks it. Cross-origin frames are recognised
 * by their `contentDocument` being null (no exception is ever raised).
 *
 * Not covered: `window[i]`, `window.frames[i]` and other paths that reach a frame's window
 * without these getters (see docs in the report); frames reached that way stay unhooked until
 * one of the getters is used (their own content script covers every other case).
 */
export function watchFrames(
  win: typeof globalThis,
  N: Natives,
  cloak: Cloak,
  link: HookLink,
  onFrame: (frameWindow: typeof globalThis) => void,
  onInternalError: (error: unknown) => void,
): void {
  'use strict';
  const defaultView = N.getters.defaultView;
  if (typeof defaultView !== 'function') return;
  const accessors = N.getters.contentDocuments;
  for (let i = 0; i < accessors.length; i++) {
    const accessor = accessors[i];
    if (accessor === undefined) continue;
    const contentDocument = accessor.contentDocument;
    if (typeof contentDocument !== 'function') continue;
    const reach = (element: unknown): void => {
      try {
        const doc = N.apply(contentDocument, element, []) as Document | null;
        if (doc === null) return;
        const frameWindow = N.apply(defaultView, doc, []) as typeof globalThis | null;
        if (frameWindow !== null && frameWindow !== win) onFrame(frameWindow);
      } catch (error) {
        onInternalError(error);
      }
    };
    const keys = ['contentWindow', 'contentDocument'];
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      const d = ownDescriptor(accessor.proto, key);
      if (typeof d?.get !== 'function') continue;
      const native = d.get;
      const proxy = nativeProxy(
        native,
        {
          apply(target, thisArg: unknown, args: unknown[]) {
            const result = N.apply(target, thisArg, args);
            if (result !== null) reach(thisArg);
            return result;
          },
        },
        link,
      );
      d.get = cloak.disguise(proxy, native);
      N.defineProperty(accessor.proto, key, d);
    }
  }
}
