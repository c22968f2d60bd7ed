import { launchWithExtension } from '../support/extension-browser';
import { openExtensionPanel } from '../support/devtools-panel';
import { rowsWhen, setCheckbox, type PanelRow } from '../support/panel-dom';
import { DIST_CHROME, expect, test } from './fixtures';

declare global {
  interface Window {
    beforeLeaving?: string;
  }
}

for (const preserveLog of [false, true]) {
  test(`a page restored from the back/forward cache shows its sockets again, once each (preserve log ${preserveLog ? 'on' : 'off'})`, async ({
    server,
  }) => {
    const browser = await launchWithExtension({ extensionDir: DIST_CHROME, devtools: true, backForwardCache: true });
    try {
      const { page, context, extensionId } = browser;
      await page.goto(`${server.origin}/blank.html`);
      const panel = await openExtensionPanel(context, extensionId);
      expect(await panel.evaluate(setCheckbox('preserve-log', preserveLog))).toBe(true);
      // A page with an open socket is never put in the back/forward cache: close it first.
      await page.evaluate(async (url) => {
        const ws = new WebSocket(url);
        await new Promise((r) => ws.addEventListener('open', r));
        ws.close(1000, 'before leaving');
        await new Promise((r) => ws.addEventListener('close', r));
        window.beforeLeaving = 'still here';
      }, `${server.wsOrigin}/ws/echo?first-page`);
      await panel.waitFor(rowsWhen(`(rows) => rows.length === 1 && rows[0].state === 'closed'`));

      await page.goto(`${server.origin}/three-sockets.html`);
      await panel.waitFor(rowsWhen(`(rows) => rows.some((r) => r.url.includes('/ws/hold'))`));
      await page.goBack({ waitUntil: 'commit' });
      // Proof that this is the cached document, not a fresh load.
      await page.waitForFunction(() => window.beforeLeaving === 'still here');

      // With preserve log on, four rows are listed before the restore as well (the first page's
      // one among them, marked previous): wait for the restored document to be current again.
      const restored = preserveLog
        ? `(rows) => rows.length === 4 && rows.filter((r) => r.previous).length === 3 &&
             rows.some((r) => r.url.includes('first-page') && !r.previous)`
        : `(rows) => rows.length === 1 && rows[0].url.includes('first-page')`;
      const rows = await panel.waitFor<PanelRow[]>(rowsWhen(restored));
      const first = rows.filter((r) => r.url.includes('first-page'));
      expect(first).toHaveLength(1);
      expect(first[0]).toMatchObject({ state: 'closed', code: '1000 Normal Closure', reason: 'before leaving', initiator: 'page' });
    } finally {
      await browser.close();
    }
  });
}

test('closing the panel and opening it again shows the same history, nothing twice', async ({ inspector, server }) => {
  const { page, context, extensionId } = inspector;
  await page.goto(`${server.origin}/three-sockets.html`);
  const panel = await openExtensionPanel(context, extensionId);
  const before = await panel.waitFor<PanelRow[]>(
    rowsWhen(`(rows) => rows.length === 3 && rows.filter((r) => r.state === 'closed').length === 2`),
  );
  await panel.detach();

  // A second panel for the same tab, opened as a page: it subscribes afresh and every relay
  // replays its document's history.
  // The only tab is the inspected page (the extension has no "tabs" permission to read URLs).
  const tabs = await inspector.context.serviceWorkers()[0]?.evaluate(() => chrome.tabs.query({}));
  expect(tabs).toHaveLength(1);
  const tabId = tabs?.[0]?.id;
  const second = await context.newPage();
  await second.goto(`chrome-extension://${extensionId}/extension/panel/panel.html?tabId=${tabId}`);
  await expect.poll(async () => (await second.locator('tr[data-socket]').count())).toBe(3);
  const again = await second.evaluate(() =>
    [...document.querySelectorAll('tr[data-socket]')].map((tr) => tr.querySelector('.col-code')?.textContent),
  );
  expect(again.sort()).toEqual(before.map((r) => r.code).sort());
});
