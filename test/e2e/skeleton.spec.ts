import { openExtensionPanel } from '../support/devtools-panel';
import { rowsWhen, type PanelRow } from '../support/panel-dom';
import { expect, test } from './fixtures';

declare global {
  interface Window {
    normal: WebSocket;
    byServer: WebSocket;
    leftOpen: WebSocket;
  }
}

test('the real DevTools panel lists sockets made before it was opened, with state, close code name, reason and initiator', async ({
  inspector,
  server,
}) => {
  const { page, context, extensionId } = inspector;
  await page.goto(`${server.origin}/three-sockets.html`);
  // All three sockets reach their final state before the panel is first shown.
  await page.waitForFunction(
    () => window.normal.readyState === 3 && window.byServer.readyState === 3 && window.leftOpen.readyState === 1,
  );

  const panel = await openExtensionPanel(context, extensionId);
  const rows = await panel.waitFor<PanelRow[]>(rowsWhen('(rows) => rows.length === 3'));
  const byPath = (path: string): PanelRow => {
    const row = rows.find((r) => r.url.includes(path));
    if (!row) throw new Error(`no row for ${path} in ${JSON.stringify(rows)}`);
    return row;
  };

  expect(byPath('/ws/echo')).toMatchObject({
    url: `${server.wsOrigin}/ws/echo`,
    state: 'closed',
    code: '1000 Normal Closure',
    reason: 'done',
    initiator: 'page',
  });
  expect(byPath('/ws/close')).toMatchObject({
    state: 'closed',
    code: '4001 application (4000–4999)',
    reason: 'kicked by server',
    initiator: 'server',
  });
  expect(byPath('/ws/hold')).toMatchObject({ state: 'open', code: '', reason: '', initiator: '' });
});

test('a socket created while the panel is showing appears live and follows its state to closed', async ({
  inspector,
  server,
}) => {
  const { page, context, extensionId } = inspector;
  await page.goto(`${server.origin}/blank.html`);
  const panel = await openExtensionPanel(context, extensionId);
  await panel.waitFor(`document.querySelector('.empty') !== null`);

  await page.evaluate((url) => {
    window.leftOpen = new WebSocket(url);
  }, `${server.wsOrigin}/ws/hold`);
  await panel.waitFor(rowsWhen(`(rows) => rows.length === 1 && rows[0].state === 'open'`));

  await page.evaluate(() => window.leftOpen.close(4321, 'bye from page'));
  const [row] = await panel.waitFor<PanelRow[]>(rowsWhen(`(rows) => rows[0]?.state === 'closed'`));
  expect(row).toMatchObject({ code: '4321 application (4000–4999)', reason: 'bye from page', initiator: 'page' });
});

test('the drop and the refused handshake are told apart from a clean server close', async ({ inspector, server }) => {
  const { page, context, extensionId } = inspector;
  await page.goto(`${server.origin}/blank.html`);
  await page.evaluate((ws) => {
    const dropped = new WebSocket(`${ws}/ws/drop?after=50`);
    dropped.onmessage = () => undefined;
    new WebSocket(`${ws}/ws/reject`);
  }, server.wsOrigin);
  const panel = await openExtensionPanel(context, extensionId);
  const rows = await panel.waitFor<PanelRow[]>(
    rowsWhen(`(rows) => rows.length === 2 && rows.every((r) => r.state === 'closed')`),
  );
  for (const row of rows) {
    expect(row.code).toBe('1006 Abnormal Closure');
    expect(row.initiator).toBe('network');
    expect(row.flags).toContain('abnormal close');
  }
});
