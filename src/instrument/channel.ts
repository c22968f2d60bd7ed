import { HANDSHAKE_EVENT } from '../protocol/messages';
import { bare } from './intrinsics';
import type { Natives } from './natives';

/**
 * Hands the relay (the ISOLATED-world content script) a private MessagePort, synchronously,
 * before any page script has run. Both content scripts start at document_start; whichever runs
 * second completes the handshake:
 *  - hook second: it dispatches the offer, the relay's listener takes the port and cancels the
 *    event; `dispatchEvent` returning false tells the hook, in the same turn, that it was taken;
 *  - relay second: it dispatches `ready`, and the hook answers with the offer as above.
 * Once an offer is taken the hook stops listening, so later page events change nothing.
 * docs/SECURITY.md explains why a page cannot take or forge the port.
 */
export function openChannel(
  win: typeof globalThis,
  N: Natives,
  onConnected: (port: MessagePort) => void,
): void {
  'use strict';
  const getDocument = N.getters.document;
  if (typeof getDocument !== 'function') return;
  const doc = N.apply(getDocument, win, []) as Document;
  let connected = false;
  let offering = false;

  const offer = (): void => {
    if (connected || offering) return;
    const channel = N.construct(N.MessageChannelCtor, []) as MessageChannel;
    const ports = [channel.port2];
    const event = N.construct(N.MessageEventCtor, [HANDSHAKE_EVENT, bare({ ports, cancelable: true })]) as MessageEvent;
    // The offer passes this document's own listeners too: this flag keeps ours from answering it.
    offering = true;
    let taken = false;
    try {
      taken = !(N.apply(N.dispatchEvent, doc, [event]) as boolean);
    } finally {
      offering = false;
    }
    if (!taken) {
      N.apply(N.portClose, channel.port1, []);
      return;
    }
    connected = true;
    N.apply(N.removeEventListener, doc, [HANDSHAKE_EVENT, offer, false]);
    onConnected(channel.port1);
  };

  N.apply(N.addEventListener, doc, [HANDSHAKE_EVENT, offer, false]);
  offer();
}
