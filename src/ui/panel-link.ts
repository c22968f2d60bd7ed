import type { Browser } from 'webextension-polyfill';
import { orderedQueue } from '../core/ordered-queue';
import { isPacked, unpackEvents } from '../protocol/event-pack';
import type { BackgroundToPanel, PanelToBackground, UnpackedToPanel } from '../protocol/messages';
import { connectPanel } from './connection';

export interface PanelLinkSink {
  readonly onMessage: (message: UnpackedToPanel) => void;
  readonly onStatus: (connected: boolean) => void;
  /** A packed message could not be unpacked (counted in the diagnostics, never silent). */
  readonly onLost: () => void;
}

/**
 * The panel's connection for its inspected tab, opened by the panel's first, small script while
 * the UI's code is still loading: the relays start sending their history at once, and it is on
 * its way while Preact and the panel are parsed. What arrives before the UI attaches waits, in
 * order; so does what arrives while a packed message before it is being unpacked.
 */
export interface PanelLink {
  /** Null when the panel does not know its tab (then nothing is connected). */
  readonly tabId: number | null;
  /** Delivers what arrived so far, then everything as it comes; returns the way to send commands. */
  readonly attach: (sink: PanelLinkSink) => (message: PanelToBackground) => void;
}

type Waiting = { readonly message: UnpackedToPanel } | { readonly connected: boolean } | { readonly lost: true };

export function openPanelLink(browser: Browser): PanelLink {
  const tabId = inspectedTabId(browser);
  let sink: PanelLinkSink | null = null;
  const waiting: Waiting[] = [];
  const hand = (w: Waiting): void => {
    if (sink === null) waiting.push(w);
    else deliver(sink, w);
  };
  const inbox = orderedQueue<Waiting>(hand, () => hand({ lost: true }));
  const receive = (message: BackgroundToPanel): void => {
    if (message.kind !== 'events' || !isPacked(message.events)) return inbox.push({ message: message as UnpackedToPanel });
    inbox.push(unpackEvents(message.events).then((events) => ({ message: { ...message, events } })));
  };
  const connection =
    tabId === null ? null : connectPanel(browser.runtime, tabId, receive, (connected) => inbox.push({ connected }));
  return {
    tabId,
    attach: (s) => {
      sink = s;
      for (const w of waiting.splice(0)) deliver(s, w);
      return (message) => connection?.send(message);
    },
  };
}

function deliver(sink: PanelLinkSink, w: Waiting): void {
  if ('message' in w) sink.onMessage(w.message);
  else if ('connected' in w) sink.onStatus(w.connected);
  else sink.onLost();
}

/**
 * The inspected tab: DevTools says which; opened as a normal page (tests, `?tabId=N`), the
 * query string does.
 */
function inspectedTabId(browser: Browser): number | null {
  const fromDevtools = browser.devtools?.inspectedWindow?.tabId;
  if (typeof fromDevtools === 'number') return fromDevtools;
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  return Number.isInteger(fromQuery) && fromQuery > 0 ? fromQuery : null;
}
