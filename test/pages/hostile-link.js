/*
 * The hook's own objects are in the page's realm: every function it patched is a Proxy that
 * answers `Object.getOwnPropertyDescriptor(proxy, LINK_KEY)` with the hook's link (so hooks of
 * same-origin frames find each other, src/instrument/link.ts). The key is in the extension's
 * public source. This page reads the link and tries to use it to make the hook itself report a
 * socket that does not exist, and events that did not happen on a socket that does:
 * `link.hookRealm(fakeWindow)` with a "window" whose WebSocket, Event, MessageEvent and
 * CloseEvent are the page's own, then calls the observer the hook registers on its fake socket.
 *
 * `window.hostileLink` resolves to what the page obtained.
 */
(() => {
  'use strict';
  const KEY = '\u2060wsli-hook-link';
  const report = { linkFrom: [], hookRealm: null, observers: [], forgedOnReal: false, errors: [] };
  const readLink = (name, fn) => {
    try {
      const d = Object.getOwnPropertyDescriptor(fn, KEY);
      if (d && d.value && typeof d.value.hookRealm === 'function') {
        report.linkFrom.push(name);
        return d.value;
      }
    } catch (err) {
      report.errors.push(`${name}: ${err}`);
    }
    return null;
  };
  const candidates = [
    ['WebSocket', WebSocket],
    ['Function.prototype.toString', Function.prototype.toString],
    ['EventTarget.prototype.addEventListener', EventTarget.prototype.addEventListener],
    ['WebSocket.prototype.send', WebSocket.prototype.send],
  ];
  let link = null;
  for (const [name, fn] of candidates) link = readLink(name, fn) || link;

  // A "window" of the page's making: the real interfaces the hook needs, except those it reads
  // events and sockets through.
  const withGetters = (keys) => {
    const proto = {};
    for (const k of keys) Object.defineProperty(proto, k, { get() { return this[`_${k}`]; } });
    const F = function () {};
    F.prototype = proto;
    return F;
  };
  class FakeSocket {}
  Object.defineProperties(FakeSocket.prototype, {
    url: { get: () => 'ws://evil.example/via-link', configurable: true },
    readyState: { get: () => 1, configurable: true },
    protocol: { get: () => 'forged', configurable: true },
    extensions: { get: () => '', configurable: true },
    binaryType: { get: () => 'blob', set() {}, configurable: true },
    send: { value() {}, writable: true, configurable: true },
    close: { value() {}, writable: true, configurable: true },
  });
  const listeners = {};
  const fake = Object.create({});
  for (const n of ['Performance', 'MessageChannel', 'MessagePort', 'AbortSignal', 'ArrayBuffer', 'DataView', 'Blob', 'DOMException', 'PageTransitionEvent', 'Uint8Array', 'Error', 'HTMLIFrameElement', 'Document']) {
    fake[n] = window[n];
  }
  Object.defineProperty(fake, 'performance', { get: () => performance });
  fake.setTimeout = setTimeout.bind(window);
  fake.WebSocket = FakeSocket;
  fake.EventTarget = { prototype: { addEventListener(type, fn) { (listeners[type] ??= []).push(fn); }, removeEventListener() {}, dispatchEvent() { return true; } } };
  fake.Function = { prototype: { toString() { return ''; } } };
  fake.Event = withGetters(['type']);
  fake.MessageEvent = withGetters(['data']);
  fake.CloseEvent = withGetters(['code', 'reason', 'wasClean']);
  const event = (type, fields) => {
    const e = { _type: type };
    for (const [k, v] of Object.entries(fields)) e[`_${k}`] = v;
    Object.defineProperty(e, 'isTrusted', { get: () => true });
    return e;
  };

  window.hostileLink = (async () => {
    const real = new WebSocket(`ws://${location.host}/ws/hold?real=link`);
    await new Promise((resolve) => real.addEventListener('open', resolve, { once: true }));
    if (link) {
      try {
        report.hookRealm = link.hookRealm(fake);
        const ws = new fake.WebSocket('ignored');
        report.observers = Object.keys(listeners);
        const fire = (target, type, fields) => (listeners[type] || []).forEach((fn) => fn.call(target, event(type, fields)));
        fire(ws, 'open', {});
        fire(ws, 'message', { data: 'forged message on a fake socket' });
        fire(ws, 'close', { code: 4001, reason: 'forged close of a fake socket', wasClean: true });
        fire(real, 'message', { data: 'forged message on the real socket' });
        fire(real, 'close', { code: 4002, reason: 'forged close of the real socket', wasClean: true });
        report.forgedOnReal = (listeners.close || []).length > 0;
      } catch (err) {
        report.errors.push(String(err));
      }
    }
    window.realSocket = real;
    await new Promise((r) => setTimeout(r, 300));
    return report;
  })();
})();
