/**
 * Sockets from every frame: a same-origin and a cross-origin iframe (each recorded by its own
 * document), and the frames that are the page's scratch space — about:blank written by the page,
 * srcdoc, the initial about:blank of a frame about to navigate, a frame sandboxed without scripts,
 * and a constructor taken from a fresh iframe's `contentWindow.WebSocket` whose frame is then
 * removed — which the page's own hook takes over and records into the page's document, so they
 * are listed even after their frame is gone.
 *
 * The panel is opened as a tab (`panel.html?tabId=N`), once after the page made its sockets (they
 * are replayed from the relays' logs) and once before (they arrive live).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { launchWithExtension } from '../support/extension-browser';
import { READ_ROWS, type PanelRow } from '../support/panel-dom';
import { DIST_CHROME, expect, test } from './fixtures';

declare global {
  interface Window {
    made: string[];
    ready: Promise<string[]>;
  }
}

type Row = PanelRow;


async function openPanel(context: BrowserContext, extensionId: string): Promise<Page> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const tabs = await worker.evaluate(() => chrome.tabs.query({}));
  expect(tabs).toHaveLength(1);
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/extension/panel/panel.html?tabId=${tabs[0]!.id}`);
  return panel;
}

/** Rows by URL once every expected URL is listed (exactly once), else the poll fails. */
async function rowsFor(panel: Page, urls: string[]): Promise<Map<string, Row>> {
  let rows: Row[] = [];
  await expect
    .poll(
      async () => {
        rows = (await panel.evaluate(READ_ROWS)) as Row[];
        return urls.map((u) => `${u} ×${rows.filter((r) => r.url === u).length}`);
      },
      { message: 'each socket the page made is listed exactly once', timeout: 15_000 },
    )
    .toEqual(urls.map((u) => `${u} ×1`));
  return new Map(rows.map((r) => [r.url, r]));
}

function checkAttribution(byUrl: Map<string, Row>, origin: string, port: number): void {
  const ws = `ws://127.0.0.1:${port}`;
  // Frames with documents of their own keep them: the row names the frame.
  expect(byUrl.get(`${ws}/ws/hold?from=same-origin`)?.frame).toBe(`${origin}/iframe-child.html?tag=same-origin`);
  expect(byUrl.get(`ws://localhost:${port}/ws/hold?from=cross-origin`)?.frame).toBe(
    `http://localhost:${port}/iframe-child.html?tag=cross-origin`,
  );
  // Scratch frames are the page's: recorded into its own document.
  for (const tag of ['written', 'srcdoc', 'initial-about-blank', 'sandboxed']) {
    expect(byUrl.get(`${ws}/ws/hold?from=${tag}`)?.frame, tag).toBeNull();
  }
  expect(byUrl.get(`${ws}/ws/echo?from=fresh-constructor`)?.frame).toBeNull();
}

test('sockets from every frame are listed, also after the panel opened late', async ({ server }) => {
  const browser = await launchWithExtension({ extensionDir: DIST_CHROME, devtools: false });
  try {
    const started = Date.now();
    await browser.page.goto(`${server.origin}/iframe-host.html`);
    const states = await browser.page.evaluate(() => window.ready);
    const made = await browser.page.evaluate(() => window.made);
    expect(made).toHaveLength(7);
    // The borrowed constructor's socket really worked before its frame went away.
    expect(states[0]).toBe('open');
    expect(await browser.page.evaluate(() => document.querySelectorAll('iframe').length)).toBe(6);

    const panel = await openPanel(browser.context, browser.extensionId);
    const byUrl = await rowsFor(panel, made);
    checkAttribution(byUrl, server.origin, server.port);
    expect(byUrl.get(`${server.wsOrigin}/ws/echo?from=fresh-constructor`)?.state).not.toBe('');
    test.info().annotations.push({ type: 'time to all rows', description: `${Date.now() - started} ms` });
  } finally {
    await browser.close();
  }
});

test('sockets from every frame arrive live in a panel that is already open', async ({ server }) => {
  const browser = await launchWithExtension({ extensionDir: DIST_CHROME, devtools: false });
  try {
    const panel = await openPanel(browser.context, browser.extensionId);
    await browser.page.goto(`${server.origin}/iframe-host.html`);
    await browser.page.evaluate(() => window.ready);
    const made = await browser.page.evaluate(() => window.made);
    const byUrl = await rowsFor(panel, made);
    checkAttribution(byUrl, server.origin, server.port);
  } finally {
    await browser.close();
  }
});
