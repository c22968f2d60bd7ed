import { HANDSHAKE } from '../protocol/messages';
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
  let connected = false;

  const offer = (): void => {
    if (connected) return;
    const channel = N.construct(N.MessageChannelCtor, []) as MessageChannel;
    const ports = [channel.port2];
    const event = N.construct(N.MessageEventCtor, [HANDSHAKE.offer, bare({ ports, cancelable: true })]) as MessageEvent;
    const taken = !(N.apply(N.dispatchEvent, win, [event]) as boolean);
    if (!taken) {
      N.apply(N.portClose, channel.port1, []);
      return;
    }
    connected = true;
    N.apply(N.removeEventListener, win, [HANDSHAKE.ready, offer, true]);
    onConnected(channel.port1);
  };

  N.apply(N.addEventListener, win, [HANDSHAKE.ready, offer, true]);
  offer();
}
