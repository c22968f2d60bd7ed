/*
 * The variant of hostile-forge.js that gets as close as a page can to running BEFORE the
 * extension's content scripts: a page cannot run before document_start in its own document,
 * but it is already running when the content scripts of a NEW document start in a same-origin
 * frame it made. So it tries, in every frame shape a page can make:
 *
 *  - srcdoc and about:blank frames, whose realm the parent's hook takes over (their own hook
 *    never opens a channel): hand the frame's relay a port of the page's own, after load;
 *  - a same-origin frame about to navigate, reached through `contentWindow` (the parent's hook
 *    hooks its initial about:blank realm) or through `window[i]` (it does not): listen on its
 *    initial about:blank Window, which the navigated document REUSES (HTML: same-origin
 *    navigation away from the initial about:blank keeps the Window and its listeners), answer
 *    the relay's `wsli:relay-ready` with the page's own offer, and grab any offer going by;
 *  - controls: the top window, and a same-origin frame left alone until it loaded.
 *
 * Every port the page hands over gets a fake batch with its own `ws://evil.example/<variant>`
 * URL, so the panel tells which (if any) worked. `window.hostileFrames` resolves to the report.
 */
(() => {
  'use strict';
  // The handshake's event type (src/protocol/messages.ts): offers are MessageEvents with a port,
  // "ready" is a plain Event, both dispatched on the document.
  const HANDSHAKE = 'load';
  const mine = new WeakSet();
  const results = {};
  const now = () => performance.timeOrigin + performance.now();
  const fakeBatch = (url) => ({
    v: 1,
    events: [
      { type: 'created', seq: 1, at: now(), socket: 1, url, protocols: [], stack: '' },
      { type: 'open', seq: 2, at: now(), socket: 1, protocol: '', extensions: '' },
    ],
  });

  /** Dispatches an offer of the page's own port on `win`; true when someone took (cancelled) it. */
  const offerTo = (win, variant) => {
    const channel = new MessageChannel();
    const event = new MessageEvent(HANDSHAKE, { ports: [channel.port2], cancelable: true });
    mine.add(event);
    const taken = !win.document.dispatchEvent(event);
    channel.port1.postMessage(fakeBatch(`ws://evil.example/${variant}`));
    return taken;
  };

  /** Listens on a frame's initial about:blank Window, before its next document exists. */
  const ambush = (win, variant) => {
    const r = (results[variant] = { sawReady: false, answeredReady: false, sawOffer: false, stolePort: false, lateOfferTaken: null });
    const listen = (target) =>
      target.addEventListener(
        HANDSHAKE,
        (e) => {
          if (mine.has(e)) return;
          const port = e.ports && e.ports[0];
          if (!port) {
            // A plain load event: the relay's "ready"; answer it with an offer of our own.
            r.sawReady = true;
            r.answeredReady = offerTo(win, `${variant}-answer`) || r.answeredReady;
            return;
          }
          r.sawOffer = true;
          r.stolePort = true;
          window.stolen = window.stolen || [];
          window.stolen.push(port);
        },
        true,
      );
    // The Window is reused by the next document; its initial document is not, but try it too.
    listen(win);
    listen(win.document);
    return r;
  };

  const frame = (attrs) => {
    const f = document.createElement('iframe');
    for (const [k, v] of Object.entries(attrs)) f.setAttribute(k, v);
    const index = window.length;
    // Listen first: a frame without src fires its load event inside appendChild.
    const loaded = new Promise((resolve) => f.addEventListener('load', resolve, { once: true }));
    document.body.appendChild(f);
    return { f, index, loaded };
  };

  // about:blank: offer at once, and again after load.
  const blank = frame({});
  results['about-blank'] = { taken: offerTo(blank.f.contentWindow, 'about-blank') };
  // srcdoc: offer once it loaded.
  const srcdoc = frame({ srcdoc: '<p>srcdoc</p>' });
  // A frame about to navigate, ambushed through contentWindow (its initial realm gets hooked).
  const viaGetter = frame({ src: '/blank.html?frame=reuse-contentWindow' });
  ambush(viaGetter.f.contentWindow, 'reuse-contentWindow');
  // The same, through window[i], which the hook does not watch.
  const viaIndex = frame({ src: '/blank.html?frame=reuse-index' });
  ambush(window[viaIndex.index], 'reuse-index');
  // Control: a same-origin frame nobody touched before it loaded.
  const control = frame({ src: '/blank.html?frame=control' });

  window.hostileFrames = Promise.all([blank.loaded, srcdoc.loaded, viaGetter.loaded, viaIndex.loaded, control.loaded]).then(async () => {
    results['about-blank'].lateOfferTaken = offerTo(blank.f.contentWindow, 'about-blank-late');
    results.srcdoc = { taken: offerTo(srcdoc.f.contentWindow, 'srcdoc') };
    results['reuse-contentWindow'].lateOfferTaken = offerTo(viaGetter.f.contentWindow, 'reuse-contentWindow-late');
    results['reuse-index'].lateOfferTaken = offerTo(window[viaIndex.index], 'reuse-index-late');
    results.control = { taken: offerTo(control.f.contentWindow, 'control') };
    results.top = { taken: offerTo(window, 'top') };
    // Stolen hook ports (if any): what do they carry?
    results.stolenPorts = (window.stolen || []).length;
    await new Promise((r) => setTimeout(r, 300));
    return results;
  });
})();
