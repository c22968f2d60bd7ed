import { openChannel } from './channel';
import { I, isObject } from './intrinsics';
import { findLink, newGroup, realmKey, type HookLink } from './link';
import { saveNatives, type Natives } from './natives';
import { createInstance, installRealm, windowCheck } from './realm';
import { Recorder } from './recorder';

function ignore(): void {
  'use strict';
  // Swallowed on purpose: the page must never see the hook fail. Nothing to report to yet.
}

/**
 * Starts the page hook in `win`. Runs at document_start in the MAIN world of every frame,
 * before any page script; everything it needs from the page's realm is saved first.
 *
 * - A realm another hook already took over (a parent reached this frame before this script
 *   ran) is left alone.
 * - An about:blank or about:srcdoc frame with a same-origin hooked parent is its parent's scratch
 *   space: the parent's hook takes it over and records its sockets into the parent's document, so
 *   they outlive the frame (see ./link).
 * - Otherwise the hook installs itself with its own recorder and relay, in the group of its
 *   same-origin parent (or about:blank popup's opener) so that functions passed between the
 *   realms print as native in both.
 */
export function startHook(win: typeof globalThis): void {
  'use strict';
  try {
    start(win);
  } catch (error) {
    ignore();
  }
}

function start(win: typeof globalThis): void {
  'use strict';
  const N = saveNatives(win);
  if (findLink(win) !== null) return claimRelay(win, N);
  const scratch = isScratchDocument(win);
  const parentLink = sameOriginParentLink(win, N);
  if (parentLink !== null) {
    const key = realmKey(win);
    if (key !== null && (I.apply(I.weakHas, parentLink.group.realms, [key]) as boolean)) return claimRelay(win, N);
    if (scratch && parentLink.hookRealm(win)) return claimRelay(win, N);
  }
  const group = parentLink?.group ?? (scratch ? openerLink(win, N)?.group : undefined) ?? newGroup();
  const recorder = new Recorder(N);
  const instance = createInstance(recorder, group, windowCheck(N), ignore);
  installRealm(instance, win, N);
  N.apply(N.addEventListener, win, [
    'pagehide',
    (event: PageTransitionEvent) => {
      recorder.emit({
        type: 'pagehide',
        at: recorder.now(),
        persisted: N.apply(N.getters.pageTransitionPersisted, event, []) as boolean,
      });
      recorder.flush();
    },
    true,
  ]);
  openChannel(
    win,
    N,
    (channel) => recorder.connect((batch) => channel.post(batch)),
    (message) => {
      if (!isObject(message)) return;
      // Only the relay holds the channel; the values are still checked before use.
      if (I.getOwnDescriptor(message, 'kind')?.value !== 'close-socket') return;
      const socket: unknown = I.getOwnDescriptor(message, 'socket')?.value;
      const code: unknown = I.getOwnDescriptor(message, 'code')?.value;
      const reason: unknown = I.getOwnDescriptor(message, 'reason')?.value;
      if (typeof socket === 'number' && typeof code === 'number' && typeof reason === 'string') {
        instance.state.closeSocket?.(socket, code, reason);
      }
    },
  );
}

/**
 * This document's sockets are recorded by another hook (a parent's), so this one sends nothing
 * of its own. Its relay still accepts one channel, ever: take it and leave it silent, so that
 * the page, which can reach this frame's window, has no free slot to hand a target of its own to.
 */
function claimRelay(win: typeof globalThis, N: Natives): void {
  'use strict';
  openChannel(win, N, ignore, ignore);
}

/** about:blank and about:srcdoc documents belong to the document that made them. */
function isScratchDocument(win: typeof globalThis): boolean {
  'use strict';
  // location and href are unforgeable: no page can have changed what they return.
  const href = win.location.href;
  return (I.apply(I.indexOf, href, ['about:blank']) as number) === 0 || (I.apply(I.indexOf, href, ['about:srcdoc']) as number) === 0;
}

/** The hook link of the parent window when this is a frame of a same-origin parent. */
function sameOriginParentLink(win: typeof globalThis, N: Natives): HookLink | null {
  'use strict';
  const frameElement = N.getters.frameElement;
  const parentGetter = N.getters.parent;
  if (typeof frameElement !== 'function' || typeof parentGetter !== 'function') return null;
  // frameElement is null for a top-level window and when the parent is cross-origin.
  if (N.apply(frameElement, win, []) === null) return null;
  const parent = N.apply(parentGetter, win, []) as typeof globalThis | null;
  return parent !== null && parent !== win ? findLink(parent) : null;
}

/** An about:blank popup shares its opener's origin: link with the opener's hook. */
function openerLink(win: typeof globalThis, N: Natives): HookLink | null {
  'use strict';
  const openerGetter = N.getters.opener;
  if (typeof openerGetter !== 'function') return null;
  try {
    const opener = N.apply(openerGetter, win, []) as typeof globalThis | null;
    return opener !== null && opener !== win ? findLink(opener) : null;
  } catch {
    return null;
  }
}
