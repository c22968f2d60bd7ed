import type { Runtime } from 'webextension-polyfill';
import { PORT_NAMES, PROTOCOL_VERSION, type BackgroundToPanel, type PanelToBackground } from '../protocol/messages';

export interface PanelConnection {
  /** Sends a command (close a socket) over the current port; dropped while reconnecting. */
  readonly send: (message: PanelToBackground) => void;
  readonly stop: () => void;
}

/**
 * The panel's port to the background, for one inspected tab. When the port drops (Chrome
 * stopped the service worker, or the extension is reloading) it reconnects and subscribes
 * again; the relays then replay their history and the session skips what it already has.
 */
export function connectPanel(
  runtime: Runtime.Static,
  tabId: number,
  onMessage: (message: BackgroundToPanel) => void,
  onStatus: (connected: boolean) => void,
): PanelConnection {
  let port: Runtime.Port | null = null;
  let stopped = false;
  let retryMs = 50;

  const connect = (): void => {
    if (stopped) return;
    let p: Runtime.Port;
    try {
      p = runtime.connect({ name: PORT_NAMES.panel });
    } catch {
      onStatus(false);
      return; // the extension context is gone (extension reloaded): this panel is finished
    }
    port = p;
    p.onMessage.addListener((message: unknown) => {
      const m = message as BackgroundToPanel;
      if (typeof m === 'object' && m !== null && m.v === PROTOCOL_VERSION) onMessage(m);
    });
    p.onDisconnect.addListener(() => {
      port = null;
      onStatus(false);
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 2000);
    });
    const subscribe: PanelToBackground = { v: PROTOCOL_VERSION, kind: 'subscribe', tabId };
    p.postMessage(subscribe);
    retryMs = 50;
    onStatus(true);
  };

  connect();
  return {
    send: (message) => {
      try {
        port?.postMessage(message);
      } catch {
        // The port died between two events: the reconnect follows, the command is dropped.
      }
    },
    stop: () => {
      stopped = true;
      port?.disconnect();
    },
  };
}
