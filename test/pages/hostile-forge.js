/*
 * A hostile page's FIRST script (a parser-blocking <script src> at the top of <head>): it hooks
 * everything a page can hook, before any other script of the page, to catch the hook↔relay
 * channel; then it opens one real socket and replays, mutates and forges everything it saw.
 *
 * What it cannot do: run before the extension. The hook (MAIN world) and the relay (ISOLATED
 * world) are content scripts at document_start and finish their handshake before the parser
 * reaches this script, so this page only ever sees the aftermath. The `report()` it builds says
 * what it managed to obtain; test/e2e/security.spec.ts checks the panel for what got through.
 *
 * Everything runs from `window.hostileDone` (a Promise of the report).
 */
(() => {
  'use strict';
  // The handshake's event type, for the offer and for "ready" (src/protocol/messages.ts).
  const HANDSHAKE = ['load', 'load'];
  const OWN_POST_URL = 'ws://evil.example/window-post';
  const nativeDispatch = EventTarget.prototype.dispatchEvent;
  const nativeAdd = EventTarget.prototype.addEventListener;
  const NativeMessageChannel = MessageChannel;
  const nativePortPost = MessagePort.prototype.postMessage;
  const nativeWindowPost = window.postMessage;
  const portsGetter = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'ports').get;

  /** Every MessagePort this page made itself; any other port it sees is "foreign". */
  const ownPorts = new WeakSet();
  /** Every port the page got hold of, own or foreign, with where it came from. */
  const ports = [];
  const portSeen = new WeakSet();
  const seen = []; // events the page observed
  const forged = []; // events the page dispatched itself (to tell them from foreign ones)
  const log = { seen, ports, offersTaken: [], readyDispatches: 0, windowPosts: 0, portPosts: 0, replays: 0, errors: [] };

  const note = (port, from) => {
    if (!(port instanceof MessagePort) || portSeen.has(port)) return;
    portSeen.add(port);
    ports.push({ port, from, own: ownPorts.has(port) });
  };
  const portsOf = (event) => {
    try {
      return event instanceof MessageEvent ? Array.from(portsGetter.call(event)) : [];
    } catch {
      return [];
    }
  };
  const record = (via, event) => {
    const eventPorts = portsOf(event);
    // A port the page posted to itself arrives as a new object: it is still its own.
    if (event instanceof MessageEvent && event.source === window && event.data?.events?.[0]?.url === OWN_POST_URL) {
      for (const p of eventPorts) ownPorts.add(p);
    }
    for (const p of eventPorts) note(p, `${via}:${event.type}`);
    if (seen.length < 20000) {
      seen.push({
        via,
        type: event.type,
        ctor: event.constructor && event.constructor.name,
        isTrusted: event.isTrusted,
        ports: eventPorts.length,
        foreignPorts: eventPorts.filter((p) => !ownPorts.has(p)).length,
        mine: forged.includes(event),
        detail: event instanceof CustomEvent ? typeof event.detail : undefined,
        event,
      });
    }
  };

  // ── 1. hook everything, now ───────────────────────────────────────────────────────────────
  window.MessageChannel = function MessageChannel() {
    const channel = new NativeMessageChannel();
    ownPorts.add(channel.port1);
    ownPorts.add(channel.port2);
    return channel;
  };
  window.MessageChannel.prototype = NativeMessageChannel.prototype;

  window.postMessage = function postMessage(message, ...rest) {
    log.windowPosts++;
    const transfer = Array.isArray(rest[1]) ? rest[1] : rest[0] && Array.isArray(rest[0].transfer) ? rest[0].transfer : [];
    for (const p of transfer) note(p, 'window.postMessage transfer');
    return nativeWindowPost.call(this, message, ...rest);
  };
  MessagePort.prototype.postMessage = function postMessage(message, transfer) {
    log.portPosts++;
    note(this, 'MessagePort.postMessage this');
    for (const p of Array.isArray(transfer) ? transfer : []) note(p, 'MessagePort.postMessage transfer');
    return nativePortPost.call(this, message, transfer);
  };
  EventTarget.prototype.dispatchEvent = function dispatchEvent(event) {
    record('dispatchEvent', event);
    return nativeDispatch.call(this, event);
  };
  EventTarget.prototype.addEventListener = function addEventListener(type, listener, options) {
    if (HANDSHAKE.includes(type)) log.errors.push(`someone else listens for ${type}`);
    return nativeAdd.call(this, type, listener, options);
  };
  Object.defineProperty(MessageEvent.prototype, 'ports', {
    configurable: true,
    enumerable: true,
    get() {
      const list = portsGetter.call(this);
      for (const p of list) note(p, 'MessageEvent#ports');
      return list;
    },
  });

  // Listen to every event type a window has a handler for, plus the handshake's and a few more,
  // capturing, on window, document and <html>.
  const types = new Set([...HANDSHAKE, 'message', 'messageerror', 'wsli:batch', 'wsli:events', 'wsli', 'connect']);
  for (const key in window) if (key.startsWith('on')) types.add(key.slice(2));
  for (const target of [window, document, document.documentElement]) {
    for (const type of types) nativeAdd.call(target, type, (e) => record(`listener:${type}`, e), true);
  }

  // ── 2. the junk it will send ──────────────────────────────────────────────────────────────
  const now = () => performance.timeOrigin + performance.now();
  const created = (socket, url) => ({ type: 'created', seq: socket, at: now(), socket, url, protocols: [], stack: '' });
  const fakeBatch = (url) => ({
    v: 1,
    events: [
      created(99, url),
      { type: 'open', seq: 100, at: now(), socket: 99, protocol: '', extensions: '' },
      { type: 'frame', seq: 101, at: now(), socket: 99, dir: 'in', size: 6, data: 'text', preview: 'forged', truncated: false },
      // and a socket id the real socket has: 1
      { type: 'closed', seq: 102, at: now(), socket: 1, code: 4000, reason: 'forged close', wasClean: true },
    ],
  });
  let rndState = 0x5eed;
  const rnd = () => {
    rndState = (rndState + 0x6d2b79f5) >>> 0;
    let t = rndState;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const randomValue = (depth = 0) => {
    const r = rnd();
    if (r < 0.2) return pick([0, -1, 1.5, NaN, Infinity, 2 ** 53, 99, 1]);
    if (r < 0.4) return pick(['created', 'open', 'closed', 'frame', '__proto__', 'ws://evil.example/random', '<img src=x onerror=alert(1)>']);
    if (r < 0.5) return pick([true, false, null, undefined]);
    if (depth > 2) return null;
    if (r < 0.7) return Array.from({ length: Math.floor(rnd() * 4) }, () => randomValue(depth + 1));
    const o = {};
    for (let i = 0; i < 4; i++) o[pick(['type', 'seq', 'at', 'socket', 'url', 'v', 'events', 'x'])] = randomValue(depth + 1);
    return o;
  };
  const junk = () => {
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const out = [
      { v: 1, events: [created(98, `ws://evil.example/huge-${huge}`)] },
      huge,
      { v: '1', events: fakeBatch('ws://evil.example/wrong-version').events },
      { v: 2, events: fakeBatch('ws://evil.example/v2').events },
      { v: 1, events: 'created' },
      { v: 1, events: [{ ...created(97, 'ws://evil.example/wrong-types'), seq: '97', socket: '97' }] },
      { v: 1, events: [{ type: 'created', url: 'ws://evil.example/missing-fields' }] },
      { events: [created(96, 'ws://evil.example/no-version')] },
      JSON.parse(
        `{"__proto__":{"v":1,"events":[]},"v":1,"events":[{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},` +
          `"type":"created","seq":95,"at":${now()},"socket":95,"url":"ws://evil.example/proto","protocols":[],"stack":""}]}`,
      ),
      { v: 1, events: Array.from({ length: 5000 }, () => randomValue()) },
    ];
    for (let i = 0; i < 5000; i++) out.push(randomValue());
    return out;
  };

  // ── 3. the run ────────────────────────────────────────────────────────────────────────────
  const tick = () => new Promise((r) => setTimeout(r, 0));
  const realUrl = `ws://${location.host}/ws/echo?real=1`;

  async function run() {
    // One real socket, with a message each way, keeping the real events.
    const ws = new WebSocket(realUrl);
    const real = {};
    for (const type of ['open', 'message', 'error', 'close']) ws.addEventListener(type, (e) => (real[type] ??= e));
    await new Promise((resolve) => ws.addEventListener('open', resolve, { once: true }));
    ws.send('hello');
    await new Promise((resolve) => ws.addEventListener('message', resolve, { once: true }));
    await tick();

    // Replay what it saw on the socket (re-dispatched events are untrusted), and forge more.
    const fakes = [
      new MessageEvent('message', { data: 'forged message' }),
      new MessageEvent('message', { data: fakeBatch('ws://evil.example/in-message') }),
      new CloseEvent('close', { code: 4000, reason: 'forged close', wasClean: true }),
      new Event('open'),
      new Event('error'),
    ];
    for (let i = 0; i < 50; i++) {
      for (const e of [real.message, real.open, ...fakes]) {
        if (!e) continue;
        forged.push(e);
        try {
          ws.dispatchEvent(e);
          log.replays++;
        } catch (err) {
          log.errors.push(String(err));
        }
      }
    }

    // Replay every event it observed so far, on window and on the socket.
    for (const s of seen.slice()) {
      forged.push(s.event); // a replay is the page's own dispatch
      for (const target of [window, document, ws]) {
        try {
          nativeDispatch.call(target, s.event);
          log.replays++;
        } catch {
          // still being dispatched, or not re-dispatchable
        }
      }
    }

    // Forge the handshake: offers with its own ports, on every target, in every shape.
    const offer = (target, where) => {
      const channel = new MessageChannel();
      note(channel.port1, `own offer on ${where}`);
      const shapes = [
        new MessageEvent(HANDSHAKE[0], { ports: [channel.port2], cancelable: true, data: fakeBatch('ws://evil.example/offer-data') }),
        new CustomEvent(HANDSHAKE[0], { detail: { port: channel.port2 }, cancelable: true }),
        new Event(HANDSHAKE[0], { cancelable: true }),
      ];
      for (const e of shapes) {
        forged.push(e);
        if (!target.dispatchEvent(e)) log.offersTaken.push(`${e.constructor.name} on ${where}`);
      }
    };
    offer(window, 'window');
    offer(document, 'document');
    offer(document.documentElement, 'html');
    // Ask the hook to offer again, and listen for what comes.
    for (let i = 0; i < 100; i++) {
      const e = new Event(HANDSHAKE[1]);
      forged.push(e);
      window.dispatchEvent(e);
      const bubbling = new Event(HANDSHAKE[1], { bubbles: true });
      forged.push(bubbling);
      document.dispatchEvent(bubbling);
      log.readyDispatches++;
    }
    // A message with a port, to window (a relay listening to "message" would see it).
    const viaWindow = new MessageChannel();
    window.postMessage(fakeBatch(OWN_POST_URL), '*', [viaWindow.port2]);
    note(viaWindow.port1, 'own window.postMessage');
    await tick();

    // Fake batches to every port it has, then the junk, to the ports and to window.
    ports.forEach((entry, i) => {
      entry.evilUrl = `ws://evil.example/port-${i}`;
      try {
        entry.port.postMessage(fakeBatch(entry.evilUrl));
      } catch (err) {
        log.errors.push(String(err));
      }
    });
    window.postMessage(fakeBatch('ws://evil.example/window'), '*');
    for (const item of junk()) {
      for (const entry of ports) {
        try {
          entry.port.postMessage(item);
        } catch {
          // some junk does not clone (never mind)
        }
      }
      try {
        window.postMessage(item, '*');
      } catch {
        // ditto
      }
    }
    await new Promise((r) => setTimeout(r, 300));
    window.realSocket = ws;
    return report();
  }

  function report() {
    const foreign = seen.filter((s) => s.foreignPorts > 0);
    const handshakeSeen = seen.filter((s) => HANDSHAKE.includes(s.type));
    return {
      realUrl,
      eventsSeen: seen.length,
      handshakeEventsSeen: handshakeSeen.length,
      // The browser's own load events are trusted; a handshake event never is.
      handshakeEventsNotMine: handshakeSeen.filter((s) => !s.mine && !s.isTrusted).map((s) => `${s.via} ${s.type} ${s.ctor}`),
      eventsWithForeignPorts: foreign.map((s) => `${s.via} ${s.type}`),
      portsObtained: ports.length,
      foreignPorts: ports.filter((p) => !p.own).map((p) => p.from),
      evilUrls: ports.map((p) => p.evilUrl).filter(Boolean),
      offersTaken: log.offersTaken,
      readyDispatches: log.readyDispatches,
      replays: log.replays,
      windowPosts: log.windowPosts,
      portPosts: log.portPosts,
      errors: log.errors,
    };
  }

  window.hostileDone = new Promise((resolve) => {
    const start = () => run().then(resolve, (err) => resolve({ failed: String(err && err.stack) }));
    if (document.readyState === 'loading') nativeAdd.call(document, 'DOMContentLoaded', start, { once: true });
    else start();
  });
})();
