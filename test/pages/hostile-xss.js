/*
 * Real sockets whose every page-controlled string carries markup or script: URL path and query,
 * requested protocols (only what the browser accepts: tokens), close reasons (the server closes
 * with the reason the URL asks for; at most 123 bytes), close() arguments and the error a
 * reason's toString() throws, message payloads (echoed), listener event types, and the creation
 * stack (a method named with a payload, in eval'd code whose sourceURL is a payload; V8 ends a
 * sourceURL at whitespace and rejects quotes, so those have neither).
 *
 * `window.xssDone` resolves once every socket reached the state the test expects.
 */
(() => {
  'use strict';
  const P = [
    '<img src=x onerror="window.__pwned=1">',
    '<script>alert(1)</script>',
    '"><svg onload=alert(1)>',
    'javascript:alert(1)',
    "{{constructor.constructor('alert(1)')()}}",
  ];
  const SOURCE_URLS = ['<svg/onload=alert(1)>', 'javascript:alert(1)'];
  const PROTOCOLS = ["'onerror'", '`alert`', 'javascript'];
  const base = `ws://${location.host}`;
  const report = { payloads: P, sourceUrls: SOURCE_URLS, protocols: PROTOCOLS, echoes: [], closeReasons: [], thrown: [] };

  // Creators whose stack frames carry payloads: function name and script URL.
  const echoMaker = (0, eval)(`({ ${JSON.stringify(P[0])}(url, protocols) { return new WebSocket(url, protocols); } })\n//# sourceURL=${SOURCE_URLS[0]}`);
  const closeMaker = (0, eval)(`({ ${JSON.stringify(P[2])}(url) { return new WebSocket(url); } })\n//# sourceURL=${SOURCE_URLS[1]}`);
  report.functionNames = [P[0], P[2]];

  const opened = (ws) =>
    new Promise((resolve, reject) => {
      ws.addEventListener('open', resolve, { once: true });
      ws.addEventListener('error', () => reject(new Error(`${ws.url} failed`)), { once: true });
    });
  const closed = (ws) => new Promise((resolve) => (ws.readyState === 3 ? resolve() : ws.addEventListener('close', resolve, { once: true })));

  async function echo() {
    const ws = echoMaker[P[0]](`${base}/ws/echo?p=${P.join('&p=')}`, PROTOCOLS);
    for (const p of P) ws.addEventListener(p, () => undefined); // never removed: "listeners left" names them
    const got = [];
    ws.onmessage = (e) => got.push(e.data);
    await opened(ws);
    report.negotiated = ws.protocol;
    for (const p of P) ws.send(p);
    await new Promise((resolve) => {
      const check = () => (got.length >= P.length ? resolve() : setTimeout(check, 10));
      check();
    });
    report.echoes = got;
    ws.close(4000, P[0]);
    const e = await new Promise((resolve) => ws.addEventListener('close', resolve, { once: true }));
    report.echoClose = { code: e.code, reason: e.reason };
  }

  async function serverCloses(i) {
    const ws = closeMaker[P[2]](`${base}/ws/close?code=4000&reason=${encodeURIComponent(P[i])}&i=${i}`);
    const e = await new Promise((resolve) => ws.addEventListener('close', resolve, { once: true }));
    report.closeReasons[i] = e.reason;
  }

  async function rejectedCloses() {
    const ws = new WebSocket(`${base}/ws/hold?rejected-close`);
    await opened(ws);
    try {
      ws.close(1000, {
        toString() {
          const error = new Error(P[1]);
          error.name = P[3];
          throw error;
        },
      });
    } catch (err) {
      report.thrown.push(`${err.name}: ${err.message}`);
    }
    try {
      ws.close(4000, P.join(' ')); // over 123 bytes: SyntaxError
    } catch (err) {
      report.thrown.push(err.name);
    }
    window.keepOpen = ws;
  }

  // Subprotocols must be tokens: markup makes the constructor throw, and nothing is recorded.
  try {
    new WebSocket(`${base}/ws/hold?protocol-attempt`, [P[0]]);
    report.protocolAttempt = 'accepted';
  } catch (err) {
    report.protocolAttempt = err.name;
  }

  window.xssDone = Promise.all([echo(), ...P.map((_, i) => serverCloses(i)), rejectedCloses()]).then(
    () => report,
    (err) => ({ failed: String(err) }),
  );
})();
