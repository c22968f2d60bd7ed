import { CHANNEL_EVENTS, HANDSHAKE_EVENT, type HookBatch } from '../protocol/messages';
import { bare } from './intrinsics';
import type { Natives } from './natives';

export interface HookChannel {
  /** Hands the relay a batch, synchronously; false when no relay took it. */
  readonly post: (batch: HookBatch) => boolean;
}

/**
 * Hands the relay (the ISOLATED-world content script) a private EventTarget, synchronously,
 * before any page script has run, and from then on talks to it through events on that target.
 * The target is in no document and no page script ever holds it, so nothing the page does
 * reaches it, and an event dispatched on it runs the other side's listener at once: unlike a
 * MessagePort, whose messages wait in the page's task queue behind every task the page has
 * (hundreds of milliseconds while DevTools records a busy socket), a batch reaches the relay
 * in the turn that posts it.
 *
 * Both content scripts start at document_start; whichever runs second completes the handshake:
 *  - hook second: it dispatches the offer (the target as a MouseEvent's relatedTarget), the
 *    relay's listener takes the target and cancels the event; `dispatchEvent` returning false
 *    tells the hook, in the same turn, that it was taken;
 *  - relay second: it dispatches `ready`, and the hook answers with the offer as above.
 * Once an offer is taken the hook stops listening, so later page events change nothing.
 * docs/SECURITY.md explains why a page cannot take or forge the target.
 */
export function openChannel(
  win: typeof globalThis,
  N: Natives,
  onConnected: (channel: HookChannel) => void,
  onCommand: (message: unknown) => void,
): void {
  'use strict';
  const getDocument = N.getters.document;
  if (typeof getDocument !== 'function') return;
  const doc = N.apply(getDocument, win, []) as Document;
  let connected = false;
  let offering = false;

  const onCommandEvent = (event: CustomEvent): void => {
    const detail = N.apply(N.getters.customEventDetail, event, []);
    if (typeof detail !== 'string') return;
    let message: unknown;
    try {
      message = N.parseJson(detail);
    } catch {
      return;
    }
    onCommand(message);
  };

  const offer = (): void => {
    if (connected || offering) return;
    const target = N.construct(N.EventTargetCtor, []) as EventTarget;
    const event = N.construct(N.MouseEventCtor, [HANDSHAKE_EVENT, bare({ relatedTarget: target, cancelable: true })]);
    // The offer passes this document's own listeners too: this flag keeps ours from answering it.
    offering = true;
    let taken = false;
    try {
      taken = !(N.apply(N.dispatchEvent, doc, [event]) as boolean);
    } finally {
      offering = false;
    }
    if (!taken) return;
    connected = true;
    N.apply(N.removeEventListener, doc, [HANDSHAKE_EVENT, offer, false]);
    N.apply(N.addEventListener, target, [CHANNEL_EVENTS.command, onCommandEvent, false]);
    onConnected({
      post: (batch) => {
        const batchEvent = N.construct(N.CustomEventCtor, [CHANNEL_EVENTS.batch, bare({ detail: batch, cancelable: true })]);
        return !(N.apply(N.dispatchEvent, target, [batchEvent]) as boolean);
      },
    });
  };

  N.apply(N.addEventListener, doc, [HANDSHAKE_EVENT, offer, false]);
  offer();
}
