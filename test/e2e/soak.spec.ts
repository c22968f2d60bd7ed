/**
 * Soak: 1,000 sockets opened and closed in waves, then a 1,000,000-message stream, with the real
 * panel open. Afterwards the panel's counts are exact (every lifecycle event arrived; message
 * counts and bytes are exact although previews are bounded), its memory stays within the
 * documented bounds (frame previews: at most 5,000 per socket in the panel, docs/ARCHITECTURE.md),
 * and what the page saw is what it would see without the extension.
 */
import { openExtensionPanel } from '../support/devtools-panel';
import { expect, test } from './fixtures';

declare global {
  interface Window {
    soak: {
      opened: number;
      closed: number;
      closeCodes: Record<string, number>;
      received: number;
      receivedBytes: number;
      waves(waves: number, perWave: number): Promise<void>;
      stream(count: number, size: number): Promise<void>;
    };
  }
}

const WAVES = 10;
const PER_WAVE = 100;
const MESSAGES = 1_000_000;
const SIZE = 16;
/** The panel keeps at most this many previews per socket (src/core/session.ts DEFAULT_LIMITS). */
const PREVIEWS_PER_SOCKET = 5_000;
/** The panel's JS heap after all of it: its documented share of the 150 MB budget. */
const PANEL_HEAP_BYTES = 100 * 1024 * 1024;

test('1,000 sockets in waves and a 1,000,000-message stream: exact counts, bounded memory, the page unaffected', async ({
  inspector,
  server,
}) => {
  test.setTimeout(240_000);
  const { page, context, extensionId } = inspector;
  await page.goto(`${server.origin}/soak.html`);
  const panel = await openExtensionPanel(context, extensionId);

  // About 50 s: Chromium lets one socket per host be CONNECTING at a time (RFC 6455 §4.1).
  await page.evaluate(({ w, n }) => window.soak.waves(w, n), { w: WAVES, n: PER_WAVE });
  // About 110 s with DevTools open (it records every frame too).
  await page.evaluate(({ count, size }) => window.soak.stream(count, size), { count: MESSAGES, size: SIZE });
  const seen = await page.evaluate(() => window.soak);
  // The page's own results are what the protocol gives, with or without the extension.
  expect(seen).toMatchObject({
    opened: WAVES * PER_WAVE,
    closed: WAVES * PER_WAVE,
    closeCodes: { 1000: WAVES * PER_WAVE },
    received: MESSAGES,
    receivedBytes: MESSAGES * SIZE,
  });

  const summary = (key: string): string => `(document.querySelector('[data-summary="${key}"]')?.textContent ?? '')`;
  const total = WAVES * PER_WAVE + 1;
  await panel.waitFor(`${summary('total')} === '${total} sockets' && ${summary('closed')} === '${total} closed'`, { timeoutMs: 60_000 });
  expect(await panel.evaluate(summary('flagged'))).toBe('0 flagged');

  // The stream's row: every message counted, bytes exact.
  const streamRow = `[...document.querySelectorAll('tr[data-socket]')].find((tr) => tr.querySelector('.col-url').textContent.includes('/ws/push'))`;
  await panel.evaluate(`document.querySelector('th.col-messages .sort-button').click()`);
  await panel.evaluate(`document.querySelector('th.col-messages .sort-button').click()`); // descending: the stream first
  const cells = await panel.waitFor<{ messages: string; bytes: string }>(
    `(() => { const tr = ${streamRow}; return tr && { messages: tr.querySelector('.col-messages').textContent, bytes: tr.querySelector('.col-bytes').textContent }; })()`,
  );
  expect(cells.messages).toBe(`0 / ${MESSAGES}`);
  expect(cells.bytes).toBe(`0 B / ${(MESSAGES * SIZE / 1024 / 1024).toFixed(1)} MB`);

  // Previews are bounded, and the panel says exactly how many it does not hold.
  await panel.evaluate(`${streamRow}.click()`);
  await panel.evaluate(`document.querySelector('.details [data-tab="Messages"]').click()`);
  const withoutPreview = await panel.waitFor<string>(`document.querySelector('[data-field="without-preview"]')?.textContent`);
  const missing = Number(withoutPreview.replace(/\D/g, ''));
  expect(missing).toBeGreaterThanOrEqual(MESSAGES - PREVIEWS_PER_SOCKET);
  expect(missing).toBeLessThan(MESSAGES);
  expect(await panel.evaluate(summary('without-preview'))).toBe(`${missing} messages without preview`);

  const heap = await panel.evaluate<number>(`(() => { globalThis.gc?.(); return performance.memory.usedJSHeapSize; })()`);
  expect(heap).toBeLessThan(PANEL_HEAP_BYTES);
});
