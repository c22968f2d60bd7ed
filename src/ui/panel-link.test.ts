import { describe, expect, it, vi } from 'vitest';
import type { Browser, Runtime } from 'webextension-polyfill';
import type { HookEvent } from '../core/events';
import { encodeEvents, type EncodedEvents } from '../protocol/event-codec';
import { packEvents, type PackedEvents } from '../protocol/event-pack';
import { PROTOCOL_VERSION, type BackgroundToPanel, type UnpackedToPanel } from '../protocol/messages';
import { openPanelLink } from './panel-link';

/** A runtime whose one port lets the test play the background. */
function fakeBrowser(): { browser: Browser; post: (m: BackgroundToPanel) => void; sent: unknown[] } {
  const listeners: Array<(m: unknown) => void> = [];
  const sent: unknown[] = [];
  const port = {
    onMessage: { addListener: (l: (m: unknown) => void) => listeners.push(l) },
    onDisconnect: { addListener: () => undefined },
    postMessage: (m: unknown) => sent.push(m),
    disconnect: () => undefined,
  } as unknown as Runtime.Port;
  const browser = {
    devtools: { inspectedWindow: { tabId: 7 } },
    runtime: { connect: () => port },
  } as unknown as Browser;
  return { browser, post: (m) => listeners.forEach((l) => l(m)), sent };
}

const created = (seq: number): HookEvent => ({ type: 'created', seq, at: seq, socket: seq, url: `ws://x/${seq}`, protocols: [], stack: '' });
const events = (from: number, n: number): EncodedEvents =>
  encodeEvents(Array.from({ length: n }, (_, i) => created(from + i)));
const message = (docId: string, payload: EncodedEvents | PackedEvents): BackgroundToPanel => ({
  v: PROTOCOL_VERSION,
  kind: 'events',
  docId,
  events: payload,
  rejected: 0,
});

describe('openPanelLink', () => {
  it('subscribes to the inspected tab before the UI attaches, and hands the UI what came meanwhile, in order', async () => {
    const { browser, post, sent } = fakeBrowser();
    const link = openPanelLink(browser);
    expect(link.tabId).toBe(7);
    expect(sent).toEqual([{ v: PROTOCOL_VERSION, kind: 'subscribe', tabId: 7 }]);
    post(message('d', await packEvents(events(1, 3))));
    post(message('d', events(4, 1)));
    const got: UnpackedToPanel[] = [];
    link.attach({ onMessage: (m) => got.push(m), onStatus: () => undefined, onLost: () => undefined });
    await vi.waitFor(() => expect(got.map((m) => (m.kind === 'events' ? m.events.rows.length : -1))).toEqual([3, 1]));
  });

  it('holds a plain message behind a packed one still being unpacked', async () => {
    const { browser, post } = fakeBrowser();
    const link = openPanelLink(browser);
    const got: number[] = [];
    link.attach({ onMessage: (m) => m.kind === 'events' && got.push(m.events.rows.length), onStatus: () => undefined, onLost: () => undefined });
    post(message('d', await packEvents(events(1, 5))));
    post(message('d', events(6, 1)));
    expect(got).toEqual([]);
    await vi.waitFor(() => expect(got).toEqual([5, 1]));
  });

  it('counts a packed message it cannot unpack as lost, and goes on with the next', async () => {
    const { browser, post } = fakeBrowser();
    const link = openPanelLink(browser);
    const got: number[] = [];
    let lost = 0;
    link.attach({ onMessage: (m) => m.kind === 'events' && got.push(m.events.rows.length), onStatus: () => undefined, onLost: () => lost++ });
    post(message('d', { gzip: 'bm90IGd6aXA=' }));
    post(message('d', events(1, 2)));
    await vi.waitFor(() => expect(got).toEqual([2]));
    expect(lost).toBe(1);
  });
});
