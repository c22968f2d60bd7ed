/**
 * Chrome may stop the extension's service worker at any time (30 s idle). The background keeps
 * nothing it cannot rebuild: when the worker is stopped, the panel's port drops, the panel
 * reconnects (which starts a new worker) and subscribes again, every relay of the tab replays
 * its document's log, and the session skips what it already has. Nothing lost, nothing twice.
 */
import { openExtensionPanel } from '../support/devtools-panel';
import { rowsWhen, type PanelRow } from '../support/panel-dom';
import { expect, test } from './fixtures';

declare global {
  interface Window {
    leftOpen: WebSocket;
  }
}

test('a service-worker restart loses nothing and duplicates nothing: old history stays, new events arrive', async ({ inspector, server }) => {
  const { page, context, extensionId } = inspector;
  await page.goto(`${server.origin}/three-sockets.html`);
  const panel = await openExtensionPanel(context, extensionId);
  const before = await panel.waitFor<PanelRow[]>(
    rowsWhen(`(rows) => rows.length === 3 && rows.filter((r) => r.state === 'closed').length === 2`),
  );

  // Mark the running worker, stop it the way Chrome does when it idles (its target goes
  // away), and wait for a worker without the mark: a fresh one, started by the panel's
  // reconnect. (A restarted worker may keep its target id, so the id proves nothing.)
  const cdp = await context.browser()!.newBrowserCDPSession();
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(() => {
    (globalThis as { beforeRestart?: boolean }).beforeRestart = true;
  });
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
  expect(target).toBeDefined();
  await cdp.send('Target.closeTarget', { targetId: target!.targetId });
  const fresh = async (): Promise<boolean> => {
    for (const w of context.serviceWorkers()) {
      const marked = await w.evaluate(() => (globalThis as { beforeRestart?: boolean }).beforeRestart === true).catch(() => null);
      if (marked === false) return true;
    }
    return false;
  };
  await expect.poll(fresh, { timeout: 15_000 }).toBe(true);
  await panel.waitFor(`document.querySelector('[data-status]')?.textContent === 'recording'`);

  // New events after the restart arrive: the page closes its open socket and opens another.
  await page.evaluate(async (url) => {
    window.leftOpen.close(4000, 'after restart');
    const ws = new WebSocket(url);
    await new Promise((r) => ws.addEventListener('open', r, { once: true }));
  }, `${server.wsOrigin}/ws/hold?after-restart`);

  const after = await panel.waitFor<PanelRow[]>(
    rowsWhen(`(rows) => rows.length === 4
      && rows.find((r) => r.url.endsWith('/ws/hold'))?.reason === 'after restart'
      && rows.find((r) => r.url.includes('after-restart'))?.state === 'open'`),
  );
  // The history from before the restart is unchanged, each socket once.
  for (const old of before.filter((r) => r.state === 'closed')) {
    expect(after.filter((r) => r.key === old.key)).toEqual([old]);
  }
  expect(new Set(after.map((r) => r.key)).size).toBe(4);
  await cdp.detach();
});
