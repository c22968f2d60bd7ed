/**
 * Code evaluated inside the extension's panel page to time what a person sees. Every instant is
 * "the end of the rendering step that first shows it": the DOM holding the result (seen by a
 * MutationObserver) AND the frame that contains it rendered (a MessageChannel task posted from
 * there runs after the browser's style/layout/paint of that frame).
 *
 * The panel redraws inside requestAnimationFrame (PanelStore) and Preact renders in a microtask,
 * so a DOM change from the store lands in the rAF phase and is rendered in the same frame. To
 * know that, the probe wraps `requestAnimationFrame` with a flag (set while a frame's callbacks
 * run, cleared by a task posted from the first callback, i.e. after that frame's rendering). A
 * change seen outside that phase (the filter input) is rendered in the NEXT frame, so it waits
 * one rAF before posting. The wrapper changes nothing else for the panel.
 *
 * Times: `performance.now()` of the panel (ms since its navigation start) or, for comparison
 * with the page, epoch ms (`performance.timeOrigin + performance.now()`).
 */

/** Idempotent; safe both before the panel's scripts run and after. Defines `window.__bench`. */
export const PROBE = `(() => {
  if (window.__bench) return true;
  const raf = window.requestAnimationFrame.bind(window);
  const mc = new MessageChannel();
  const queue = [];
  mc.port1.onmessage = () => {
    const t = performance.now();
    const fns = queue.splice(0);
    for (const f of fns) f(t);
  };
  const later = (f) => { queue.push(f); mc.port2.postMessage(0); };
  const B = (window.__bench = { inFrame: false, list: {}, rows: {}, vis: [] });
  window.requestAnimationFrame = function requestAnimationFrame(cb) {
    return raf((t) => {
      if (!B.inFrame) { B.inFrame = true; later(() => { B.inFrame = false; }); }
      cb(t);
    });
  };
  /** cb(performance.now()) once the current DOM has been rendered. */
  B.afterRender = (cb) => { if (B.inFrame) later(cb); else raf(() => later(cb)); };
  /** Same, for a change known to be made outside the rAF phase. */
  B.afterNextFrame = (cb) => raf(() => later(cb));
  B.observe = (root, check) => {
    const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
    mo.observe(root, { childList: true, subtree: true, characterData: true, attributes: false });
    if (check()) mo.disconnect();
    return mo;
  };
  B.summaryTotal = () => {
    const el = document.querySelector('[data-summary="total"]');
    return el ? Number(el.textContent.replace(/\\D/g, '')) : -1;
  };
  B.rowFor = (marker) => {
    for (const tr of document.querySelectorAll('tr[data-socket]')) {
      if ((tr.querySelector('.col-url')?.textContent ?? '').includes(marker)) return tr;
    }
    return null;
  };
  /** [out, in] as the row's "Messages ↑/↓" cell shows them, or null. */
  B.counts = (tr) => {
    const text = tr?.querySelector('.col-messages')?.textContent;
    if (!text || !text.includes('/')) return null;
    const [o, i] = text.split('/').map((s) => Number(s.replace(/\\D/g, '')));
    return [o, i];
  };
  /** Marks list.firstRow and list.full (all 'expected' sockets counted in the summary and rows drawn). */
  B.watchList = (expected) => {
    B.list = { expected };
    B.observe(document, () => {
      if (B.list.firstRowDom === undefined && document.querySelector('tr[data-socket]')) {
        B.list.firstRowDom = performance.now();
        B.afterRender((t) => { B.list.firstRow = t; });
      }
      if (B.list.fullDom === undefined && B.summaryTotal() >= expected && document.querySelector('tr[data-socket]')) {
        B.list.fullDom = performance.now();
        B.afterRender((t) => { B.list.full = t; });
        return true;
      }
      return false;
    });
  };
  /** rows[marker] = epoch ms when the row of the socket whose URL contains marker shows >= out / >= in. */
  B.watchRow = (marker, out, inn) => {
    delete B.rows[marker];
    B.observe(document.body, () => {
      const c = B.counts(B.rowFor(marker));
      if (c && c[0] >= out && c[1] >= inn) {
        B.afterRender((t) => { B.rows[marker] = performance.timeOrigin + t; });
        return true;
      }
      return false;
    });
  };
  /** vis gets [epoch ms, in-count] each time the row's received count changes on screen. */
  B.watchCounts = (marker) => {
    B.vis = [];
    let last = -1;
    B.visObserver?.disconnect();
    B.visObserver = B.observe(document.body, () => {
      const c = B.counts(B.rowFor(marker));
      if (c && c[1] !== last) {
        last = c[1];
        const n = c[1];
        B.afterRender((t) => { B.vis.push([performance.timeOrigin + t, n]); });
      }
      return false;
    });
  };
  /**
   * Types text into the URL filter (as a person does: value, then an input event) and resolves
   * when the rendered rows match: every row's URL contains the text (text non-empty), or some row
   * does not contain 'previous' (text empty: the list came back).
   */
  B.filter = (text, previous) => new Promise((resolve, reject) => {
    const input = document.querySelector('input.filter-text') ?? document.querySelector('input[type="search"]');
    if (!input) return reject(new Error('no filter input'));
    const rows = () => [...document.querySelectorAll('tr[data-socket]')];
    const url = (tr) => tr.querySelector('.col-url')?.textContent ?? '';
    const done = text !== ''
      ? () => { const r = rows(); return r.length > 0 && r.every((tr) => url(tr).includes(text)); }
      : () => rows().some((tr) => !url(tr).includes(previous));
    let t0 = 0;
    const mo = new MutationObserver(() => {
      if (!done()) return;
      mo.disconnect();
      const domMs = performance.now() - t0;
      const count = rows().length;
      B.afterNextFrame((t) => resolve({ ms: t - t0, domMs, rows: count }));
    });
    mo.observe(document.body, { childList: true, subtree: true, characterData: true });
    t0 = performance.now();
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  return true;
})()`;
