import { HANDSHAKE_EVENT } from '../protocol/messages';

/**
 * The relay's half of the handshake in src/instrument/channel.ts: take the first port the
 * hook offers on the document, cancel the offer event (which tells the hook, synchronously,
 * that it was taken) and stop it there so no later listener sees the port. Only one port is
 * ever accepted; a plain "ready" event (the relay's own) carries no port and is passed over.
 */
export function acceptHookPort(win: Window, onPort: (port: MessagePort) => void): void {
  const doc = win.document;
  let accepted: MessagePort | null = null;
  const onOffer = (event: Event): void => {
    if (accepted !== null || event.target !== doc || !(event instanceof MessageEvent)) return;
    const port = event.ports[0];
    if (!port) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    accepted = port;
    doc.removeEventListener(HANDSHAKE_EVENT, onOffer);
    onPort(port);
  };
  doc.addEventListener(HANDSHAKE_EVENT, onOffer);
  doc.dispatchEvent(new Event(HANDSHAKE_EVENT));
}
