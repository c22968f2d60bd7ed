import { HANDSHAKE } from '../protocol/messages';

/**
 * The relay's half of the handshake in src/instrument/channel.ts: take the first port the
 * hook offers, cancel the offer event (which tells the hook, synchronously, that it was taken)
 * and stop it there so no later listener sees the port. Only one port is ever accepted.
 */
export function acceptHookPort(win: Window, onPort: (port: MessagePort) => void): void {
  let accepted: MessagePort | null = null;
  const onOffer = (event: Event): void => {
    if (accepted !== null || !(event instanceof MessageEvent)) return;
    const port = event.ports[0];
    if (!port) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    accepted = port;
    win.removeEventListener(HANDSHAKE.offer, onOffer, true);
    onPort(port);
  };
  win.addEventListener(HANDSHAKE.offer, onOffer, true);
  win.dispatchEvent(new Event(HANDSHAKE.ready));
}
