import type { Runtime } from 'webextension-polyfill';
import { EventLog } from '../core/event-log';
import type { HookEvent } from '../core/events';
import {
  hasKind,
  PORT_NAMES,
  PROTOCOL_VERSION,
  type BackgroundToRelay,
  type DocumentMeta,
  type HelloAnswer,
  type RelayHello,
  type RelayMessage,
} from '../protocol/messages';
import { orderedQueue } from '../core/ordered-queue';
import { encodeEvents, type EncodedEvents } from '../protocol/event-codec';
import { PACK_MIN_EVENTS, packEvents, type PackedEvents } from '../protocol/event-pack';
import { validateHookBatch } from '../protocol/validate';
import { acceptHookChannel, type RelayChannel } from './hook-channel';

/** Frame previews per replay message: a 20,000-frame log crosses as four. */
const REPLAY_FRAMES_PER_MESSAGE = 5000;

/**
 * The ISOLATED-world content script of one document: validates what the page hook sends, keeps
 * the document's history, and streams it to the background only while a panel watches the tab
 * (the background says so on start, or later with `attach`). Pages nobody inspects cost one
 * short message at load and nothing after.
 */
export function startRelay(win: Window, runtime: Runtime.Static): void {
  let doc: DocumentMeta = {
    docId: crypto.randomUUID(),
    url: win.location.href,
    isTop: win.top === win,
    timeOrigin: win.performance.timeOrigin,
    activatedAt: win.performance.timeOrigin,
  };
  const log = new EventLog();
  let rejected = 0;
  let port: Runtime.Port | null = null;
  let hook: RelayChannel | null = null;

  const send = (message: RelayMessage): void => {
    try {
      port?.postMessage(message);
    } catch {
      port = null; // the background went away mid-send; it asks again when it is back
    }
  };

  // Packing a large message is asynchronous: what is sent meanwhile waits behind it, so every
  // message reaches the panel in the order it was made.
  const outbox = orderedQueue<RelayMessage>(send);

  const sendEvents = (events: readonly HookEvent[]): void => {
    if (port === null) return; // nobody watches: no encoding on the page's thread either
    const encoded = encodeEvents(events);
    const message = (payload: EncodedEvents | PackedEvents): RelayMessage => ({
      v: PROTOCOL_VERSION,
      kind: 'events',
      docId: doc.docId,
      events: payload,
      rejected,
    });
    if (events.length < PACK_MIN_EVENTS) return outbox.push(message(encoded));
    // Where the engine cannot compress (it always can in Chrome 80+ and Firefox 113+), the
    // message goes unpacked: heavier, never lost.
    outbox.push(packEvents(encoded).then(message, () => message(encoded)));
  };

  // The lifecycle first, so the panel lists every socket before the frame previews (most of
  // the bytes) arrive; the previews in slices, so no single message stalls the panel.
  const sendEverything = (): void => {
    outbox.push({ v: PROTOCOL_VERSION, kind: 'document', doc });
    const { lifecycle, frames } = log.snapshot();
    sendEvents(lifecycle);
    for (let i = 0; i < frames.length; i += REPLAY_FRAMES_PER_MESSAGE) {
      sendEvents(frames.slice(i, i + REPLAY_FRAMES_PER_MESSAGE));
    }
  };

  const attach = (): void => {
    if (port !== null) return;
    const p = runtime.connect({ name: PORT_NAMES.relay });
    port = p;
    p.onDisconnect.addListener(() => {
      if (port === p) port = null;
    });
    p.onMessage.addListener((message: unknown) => {
      if (hasKind(message, 'replay')) sendEverything();
      else if (hasKind(message, 'close-socket')) forwardClose(message as Extract<BackgroundToRelay, { kind: 'close-socket' }>);
    });
    sendEverything();
  };

  const forwardClose = (m: Extract<BackgroundToRelay, { kind: 'close-socket' }>): void => {
    if (m.docId !== doc.docId || typeof m.socket !== 'number' || typeof m.code !== 'number') return;
    hook?.send({ v: PROTOCOL_VERSION, kind: 'close-socket', socket: m.socket, code: m.code, reason: String(m.reason) });
  };

  const onBatch = (data: unknown): void => {
    const batch = validateHookBatch(data);
    rejected += batch.rejected;
    log.append(batch.events);
    if (batch.events.length > 0 || batch.rejected > 0) {
      sendEvents(batch.events);
    }
  };

  acceptHookChannel(win, onBatch, (channel) => {
    hook = channel;
  });

  runtime.onMessage.addListener((message: unknown) => {
    if (hasKind(message, 'attach')) attach();
    return undefined;
  });
  const askToAttach = (): void => {
    const hello: RelayHello = { v: PROTOCOL_VERSION, kind: 'hello' };
    runtime.sendMessage(hello).then(
      (answer: unknown) => {
        if ((answer as HelloAnswer | undefined)?.attach === true) attach();
      },
      () => {
        // No background to answer (extension reloading): nothing to attach to.
      },
    );
  };
  askToAttach();
  // Back from the back/forward cache: the browser closed this document's port when it was
  // hidden. It is the current page again: say so, and send its history to a watching panel.
  win.addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    doc = { ...doc, activatedAt: Date.now() };
    // Chrome may not tell the old port it was closed: drop it and ask afresh.
    const old = port;
    port = null;
    try {
      old?.disconnect();
    } catch {
      // already gone
    }
    askToAttach();
  });
}
