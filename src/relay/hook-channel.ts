import { CHANNEL_EVENTS, HANDSHAKE_EVENT, type RelayToHook } from '../protocol/messages';

export interface RelayChannel {
  /** Runs the hook's handler for `message` before it returns. */
  readonly send: (message: RelayToHook) => void;
}

/**
 * The relay's half of the handshake in src/instrument/channel.ts: take the private target of the
 * first offer on the document, cancel the offer (which tells the hook, synchronously, that it
 * was taken) and stop it there so no later listener sees the target. Only one target is ever
 * accepted; a plain "ready" event (the relay's own) carries none and is passed over. Each batch
 * on the target is cancelled, to tell the hook it was taken, and handed to `onBatch` unread:
 * its detail is page-world data for the validator to check.
 */
export function acceptHookChannel(
  win: Window,
  onBatch: (detail: unknown) => void,
  onChannel: (channel: RelayChannel) => void,
): void {
  const doc = win.document;
  let accepted: EventTarget | null = null;
  const onOffer = (event: Event): void => {
    if (accepted !== null || event.target !== doc || !(event instanceof MouseEvent)) return;
    const target = event.relatedTarget;
    if (target === null) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    accepted = target;
    doc.removeEventListener(HANDSHAKE_EVENT, onOffer);
    target.addEventListener(CHANNEL_EVENTS.batch, (batch: Event) => {
      if (!(batch instanceof CustomEvent)) return;
      batch.preventDefault();
      try {
        onBatch(batch.detail);
      } catch {
        // Nothing of the relay's may surface in the page's turn that posted the batch.
      }
    });
    onChannel({
      send: (message) => target.dispatchEvent(new CustomEvent(CHANNEL_EVENTS.command, { detail: JSON.stringify(message) })),
    });
  };
  doc.addEventListener(HANDSHAKE_EVENT, onOffer);
  doc.dispatchEvent(new Event(HANDSHAKE_EVENT));
}
