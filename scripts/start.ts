/**
 * `npm start` (after `npm run build`): the demo server and page, Chromium with the extension,
 * DevTools open on the WebSockets panel. With a display the browser stays open until Ctrl-C;
 * without one it runs headless, saves a screenshot of the panel and prints the socket list.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startLoopbackServer } from '../demo/server';
import { distDir } from '../test/support/dist';
import { openExtensionPanel } from '../test/support/devtools-panel';
import { launchWithExtension } from '../test/support/extension-browser';
import { rowsWhen, type PanelRow } from '../test/support/panel-dom';

const SCREENSHOT = resolve('.tmp/npm-start-panel.png');

function hasDisplay(): boolean {
  if (process.env.CI) return false;
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function printRows(rows: readonly PanelRow[]): void {
  const table = rows.map((r) => ({
    url: r.url,
    state: r.state,
    'close code': r.code,
    reason: r.reason,
    'closed by': r.initiator,
    flags: r.flags.join(', '),
  }));
  console.table(table);
}

async function main(): Promise<void> {
  const headed = hasDisplay();
  const server = await startLoopbackServer({ staticDir: resolve('demo/public') });
  console.log(`demo server: ${server.origin}/ (ws on ${server.wsOrigin}/ws/…)`);
  const browser = await launchWithExtension({ extensionDir: distDir('chrome'), devtools: true, headless: !headed });
  const shutdown = async (): Promise<void> => {
    await browser.close();
    await server.close();
  };
  try {
    await browser.page.goto(`${server.origin}/`);
    const panel = await openExtensionPanel(browser.context, browser.extensionId);
    // Docked at the bottom, the panel gets the window's full width: every column readable.
    await panel.evaluateInDevTools(
      `(async () => { const UI = await import('./ui/legacy/legacy.js'); UI.DockController.DockController.instance().setDockSide('bottom'); return true; })()`,
    );
    // The demo's three sockets have settled: one closed by the page, one by the server, one open.
    const rows = await panel.waitFor<PanelRow[]>(
      rowsWhen(
        `(rows) => rows.length === 3 && rows.filter((r) => r.state === 'closed').length === 2 && rows.some((r) => r.state === 'open')`,
      ),
      { timeoutMs: 20_000 },
    );
    printRows(rows);
    if (headed) {
      console.log('DevTools is open on the WebSockets panel. Press Ctrl-C to stop.');
      await new Promise<void>((done) => {
        process.once('SIGINT', done);
        browser.context.once('close', () => done());
      });
    } else {
      mkdirSync(resolve('.tmp'), { recursive: true });
      await panel.screenshot(SCREENSHOT);
      console.log(`No display: ran headless. Panel screenshot: ${SCREENSHOT}`);
    }
  } finally {
    await shutdown();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
