import type { Browser, Runtime } from 'webextension-polyfill';
import {
  hasKind,
  PORT_NAMES,
  PROTOCOL_VERSION,
  type BackgroundToPanel,
  type BackgroundToRelay,
  type HelloAnswer,
  type PanelToBackground,
  type RelayMessage,
} from '../protocol/messages';

/**
 * Pipes relay ports to panel ports by tab id. It keeps nothing it cannot rebuild: when Chrome
 * stops the service worker every port drops, panels reconnect and resubscribe, and each relay
 * is asked to attach and send its document's history again (which the panel de-duplicates).
 */
export function startRouter(browser: Browser): void {
  const panels = new Map<number, Set<Runtime.Port>>();
  const relays = new Map<number, Set<Runtime.Port>>();
  const relayDocs = new WeakMap<Runtime.Port, string>();

  const toPanels = (tabId: number, message: BackgroundToPanel): void => {
    for (const panel of panels.get(tabId) ?? []) panel.postMessage(message);
  };
  const add = (map: Map<number, Set<Runtime.Port>>, tabId: number, port: Runtime.Port): void => {
    const set = map.get(tabId) ?? new Set();
    set.add(port);
    map.set(tabId, set);
  };
  const remove = (map: Map<number, Set<Runtime.Port>>, tabId: number, port: Runtime.Port): void => {
    const set = map.get(tabId);
    set?.delete(port);
    if (set?.size === 0) map.delete(tabId);
  };

  const onPanel = (port: Runtime.Port): void => {
    let tabId: number | null = null;
    port.onMessage.addListener((message: unknown) => {
      if (hasKind(message, 'close-socket') && tabId !== null) {
        forwardClose(tabId, message as Extract<PanelToBackground, { kind: 'close-socket' }>);
        return;
      }
      if (!hasKind(message, 'subscribe') || tabId !== null) return;
      const requested = (message as { tabId?: unknown }).tabId;
      if (typeof requested !== 'number') return;
      tabId = requested;
      add(panels, tabId, port);
      const replay: BackgroundToRelay = { v: PROTOCOL_VERSION, kind: 'replay' };
      for (const relay of relays.get(tabId) ?? []) relay.postMessage(replay);
      const attach: BackgroundToRelay = { v: PROTOCOL_VERSION, kind: 'attach' };
      browser.tabs.sendMessage(tabId, attach).catch(() => {
        // No content script in the tab (e.g. a chrome:// page): nothing to attach.
      });
    });
    port.onDisconnect.addListener(() => {
      if (tabId === null) return;
      remove(panels, tabId, port);
      if (panels.has(tabId)) return;
      // Nobody watches this tab any more: let its relays go idle.
      for (const relay of relays.get(tabId) ?? []) relay.disconnect();
      relays.delete(tabId);
    });
  };

  const forwardClose = (tabId: number, m: Extract<PanelToBackground, { kind: 'close-socket' }>): void => {
    const command: BackgroundToRelay = {
      v: PROTOCOL_VERSION,
      kind: 'close-socket',
      docId: m.docId,
      socket: m.socket,
      code: m.code,
      reason: m.reason,
    };
    for (const relay of relays.get(tabId) ?? []) {
      if (relayDocs.get(relay) === m.docId) relay.postMessage(command);
    }
  };

  const onRelay = (port: Runtime.Port): void => {
    const tabId = port.sender?.tab?.id;
    const frameId = port.sender?.frameId ?? -1;
    if (tabId === undefined) return port.disconnect();
    add(relays, tabId, port);
    let docId: string | null = null;
    port.onMessage.addListener((message: unknown) => {
      const m = message as RelayMessage;
      if (hasKind(m, 'document')) {
        docId = m.doc.docId;
        relayDocs.set(port, docId);
        toPanels(tabId, { v: PROTOCOL_VERSION, kind: 'document', doc: { ...m.doc, frameId } });
      } else if (hasKind(m, 'events')) {
        toPanels(tabId, { v: PROTOCOL_VERSION, kind: 'events', docId: m.docId, events: m.events, rejected: m.rejected });
      }
    });
    port.onDisconnect.addListener(() => {
      remove(relays, tabId, port);
      if (docId !== null) toPanels(tabId, { v: PROTOCOL_VERSION, kind: 'document-gone', docId, at: Date.now() });
    });
  };

  browser.runtime.onConnect.addListener((port) => {
    if (port.name === PORT_NAMES.panel) onPanel(port);
    else if (port.name === PORT_NAMES.relay) onRelay(port);
  });

  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!hasKind(message, 'hello')) return undefined;
    const tabId = sender.tab?.id;
    const answer: HelloAnswer = { attach: tabId !== undefined && panels.has(tabId) };
    return Promise.resolve(answer);
  });
}
