import { installCloak } from './cloak';
import { watchFrames } from './frames';
import { bare, I } from './intrinsics';
import { findLink, LINK_VERSION, realmKey, type HookGroup, type HookLink } from './link';
import { saveNatives, type Natives } from './natives';
import type { Recorder } from './recorder';
import { stackCapturer } from './stack-capture';
import { installWebSocketHook, newHookState, type HookState } from './websocket-hook';

/** One hook instance: a document's recorder, and every realm it took over. */
export interface HookInstance {
  readonly state: HookState;
  readonly group: HookGroup;
  readonly link: HookLink;
  /** Whether a value is a real window (a WindowProxy of any realm), by a saved native getter. */
  readonly isWindow: (candidate: unknown) => boolean;
}

/**
 * A brand check with the first realm's own `parent` getter: it throws for anything that is not
 * a window, such as an object a page made up to pass to the link's `hookRealm`.
 */
export function windowCheck(N: Natives): (candidate: unknown) => boolean {
  'use strict';
  const parent = N.getters.parent;
  return (candidate) => {
    if (typeof parent !== 'function' || typeof candidate !== 'object' || candidate === null) return false;
    try {
      I.apply(parent, candidate, []);
      return true;
    } catch {
      return false;
    }
  };
}

export function createInstance(
  recorder: Recorder,
  group: HookGroup,
  isWindow: (candidate: unknown) => boolean,
  onInternalError: (error: unknown) => void,
): HookInstance {
  'use strict';
  const state = newHookState(recorder, onInternalError);
  const holder: { instance: HookInstance | null } = bare({ instance: null });
  const link: HookLink = bare({
    version: LINK_VERSION,
    group,
    hookRealm: (win: typeof globalThis): boolean => (holder.instance ? hookRealm(holder.instance, win) : false),
  });
  const instance: HookInstance = bare({ state, group, link, isWindow });
  holder.instance = instance;
  return instance;
}

/** Takes `win`'s realm over: cloak, WebSocket, frame getters; registers it in the group. */
export function installRealm(instance: HookInstance, win: typeof globalThis, N: Natives): void {
  'use strict';
  const key = realmKey(win);
  if (key !== null) I.apply(I.weakSet, instance.group.realms, [key, true]);
  const cloak = installCloak(win, instance.group, instance.link);
  installWebSocketHook({ win, N, state: instance.state, captureStack: stackCapturer(N), cloak, link: instance.link });
  watchFrames(win, N, cloak, instance.link, (frameWindow) => hookRealm(instance, frameWindow), instance.state.onInternalError);
}

/**
 * Hooks a same-origin window reached later (a frame's, or a scratch frame handing itself over):
 * unless a hook already has its realm. Records into this instance's document. Never throws.
 */
export function hookRealm(instance: HookInstance, win: typeof globalThis): boolean {
  'use strict';
  try {
    // The link is reachable by the page (its Proxies answer LINK_KEY): hook real windows only.
    if (!instance.isWindow(win)) return false;
    const key = realmKey(win);
    if (key === null || (I.apply(I.weakHas, instance.group.realms, [key]) as boolean)) return false;
    if (findLink(win) !== null) {
      // Hooked by an instance of another group (it could not find ours when it started).
      I.apply(I.weakSet, instance.group.realms, [key, true]);
      return false;
    }
    installRealm(instance, win, saveNatives(win));
    return true;
  } catch (error) {
    instance.state.onInternalError(error);
    return false;
  }
}
