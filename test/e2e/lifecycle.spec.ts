import type { Page } from 'playwright-core';
import { openExtensionPanel, type DevToolsPanel } from '../support/devtools-panel';
import { detailsTab, rowsWhen, setCheckbox, setSetting, type PanelRow } from '../support/panel-dom';
import { expect, test } from './fixtures';

declare global {
  interface Window {
    pingServer(url: string): Promise<WebSocket>;
    pingServerFixed(url: string): Promise<void>;
    makeAll(): void;
    sockets: Record<string, WebSocket>;
    rejectedWith?: string;
    ws?: WebSocket;
  }
}

const row = (rows: PanelRow[], part: string): PanelRow => {
  const found = rows.find((r) => r.url.includes(part));
  if (!found) throw new Error(`no row with ${part}: ${JSON.stringify(rows)}`);
  return found;
};

async function panelFor(page: Page, context: Parameters<typeof openExtensionPanel>[0], id: string): Promise<DevToolsPanel> {
  const panel = await openExtensionPanel(context, id);
  await panel.waitFor(`document.querySelector('.toolbar') !== null`);
  void page;
  return panel;
}

test('the textbook pingServer leak is flagged abandoned, then never closed when the page goes away', async ({
  inspector,
  server,
}) => {
  const { page, context, extensionId } = inspector;
  await page.goto(`${server.origin}/ping-server.html`);
  const panel = await panelFor(page, context, extensionId);
  expect(await panel.evaluate(setSetting('abandoned-after', '0.3'))).toBe(true);
  expect(await panel.evaluate(setCheckbox('preserve-log', true))).toBe(true);

  await page.evaluate((url) => window.pingServer(url).then(() => undefined), `${server.wsOrigin}/ws/hold`);
  const [leaked] = await panel.waitFor<PanelRow[]>(rowsWhen(`(rows) => rows[0]?.flags.includes('abandoned')`));
  expect(leaked).toMatchObject({ state: 'open' });
  const why = await panel.waitFor<string>(detailsTab('/ws/hold', 'Flags'));
  expect(why).toContain('no message listener');
  expect(why).toContain('ping-server.html'); // the creation stack points at the page's code

  await page.goto(`${server.origin}/blank.html`);
  const [gone] = await panel.waitFor<PanelRow[]>(rowsWhen(`(rows) => rows[0]?.flags.includes('never closed')`));
  expect(gone).toMatchObject({ state: 'closed', initiator: 'unload' });
});

test('the fixed pingServer (listeners removed, socket closed in one cleanup) is not flagged', async ({
  inspector,
  server,
}) => {
  const { page, context, extensionId } = inspector;
  await page.goto(`${server.origin}/ping-server.html`);
  const panel = await panelFor(page, context, extensionId);
  await panel.evaluate(setSetting('abandoned-after', '0.3'));
  await page.evaluate((url) => window.pingServerFixed(url), `${server.wsOrigin}/ws/hold`);
  const [fixed] = await panel.waitFor<PanelRow[]>(rowsWhen(`(rows) => rows[0]?.state === 'closed'`));
  expect(fixed).toMatchObject({ code: '1000 Normal Closure', reason: 'ping done', initiator: 'page', flags: [] });
  const listeners = await panel.waitFor<string>(detailsTab('/ws/hold', 'Listeners'));
  expect(listeners).toContain('removed (removeEventListener)');
  expect(listeners).not.toContain('attached');
});

test('each leak flag is raised on the socket that earns it, and says why', async ({ inspector, server }) => {
  const { page, context, extensionId } = inspector;
  await page.goto(`${server.origin}/flags.html`);
  const panel = await panelFor(page, context, extensionId);
  await panel.evaluate(setSetting('abandoned-after', '0.3'));
  await panel.evaluate(setSetting('close-timeout', '0.5'));
  await page.evaluate(() => window.makeAll());
  await page.waitForFunction(() => window.rejectedWith === 'InvalidAccessError');

  const rows = await panel.waitFor<PanelRow[]>(
    rowsWhen(`(rows) => rows.length === 7
      && rows.find((r) => r.url.includes('/ws/deaf'))?.flags.includes('close timeout')
      && rows.find((r) => r.url.includes('abandoned'))?.flags.includes('abandoned')
      && rows.find((r) => r.url.includes('/ws/drop'))?.state === 'closed'
      && rows.find((r) => r.url.includes('left'))?.state === 'closed'`),
  );
  const dups = rows.filter((r) => r.url.includes('?dup'));
  expect(dups).toHaveLength(2);
  for (const d of dups) expect(d.flags).toEqual(['duplicate']);
  expect(row(rows, 'left').flags).toEqual(['listeners left']);
  expect(row(rows, '/ws/deaf')).toMatchObject({ state: 'closing', flags: ['close timeout'] });
  expect(row(rows, '/ws/drop')).toMatchObject({ code: '1006 Abnormal Closure', initiator: 'network' });
  expect(row(rows, '/ws/drop').flags).toContain('abnormal close');
  expect(row(rows, 'rejected')).toMatchObject({ state: 'open', flags: ['close rejected'] });
  expect(row(rows, 'abandoned').flags).toEqual(['abandoned']);

  const rejected = await panel.waitFor<string>(detailsTab('rejected', 'Flags'));
  expect(rejected).toContain('InvalidAccessError');
  const dupWhy = await panel.waitFor<string>(detailsTab('?dup', 'Flags'));
  expect(dupWhy).toContain('same call site');
  expect(dupWhy).toContain('connect');
});

test('frames are recorded with direction, size and preview, and the full history reaches a panel opened late', async ({
  inspector,
  server,
}) => {
  const { page, context, extensionId } = inspector;
  await page.goto(`${server.origin}/blank.html`);
  // Everything happens before the panel is first shown.
  await page.evaluate(async (url) => {
    const ws = new WebSocket(url);
    window.ws = ws;
    ws.binaryType = 'arraybuffer';
    const got: unknown[] = [];
    ws.onmessage = (e) => got.push(e.data);
    await new Promise((r) => ws.addEventListener('open', r, { once: true }));
    ws.send('héllo');
    ws.send(new Uint8Array([0, 1, 2, 255]));
    ws.send('x'.repeat(5000));
    await new Promise<void>((r) => {
      const check = () => (got.length === 3 ? r() : setTimeout(check, 10));
      check();
    });
  }, `${server.wsOrigin}/ws/echo`);

  const panel = await panelFor(page, context, extensionId);
  await panel.waitFor(rowsWhen(`(rows) => rows.length === 1`));
  const messages = await panel.waitFor<string>(detailsTab('/ws/echo', 'Messages'));
  expect(messages).toContain('↑ 3 sent');
  expect(messages).toContain('↓ 3 received');
  const frames = await panel.evaluate<Array<{ dir: string; size: string; preview: string }>>(
    `[...document.querySelectorAll('.frames tr')].map((tr) => ({ dir: tr.dataset.dir, size: tr.querySelector('.size').textContent, preview: tr.querySelector('.preview').textContent }))`,
  );
  // The page sends all three before the first echo comes back.
  expect(frames.map((f) => f.dir)).toEqual(['out', 'out', 'out', 'in', 'in', 'in']);
  expect(frames[0]).toMatchObject({ size: '6 B', preview: 'héllo' });
  expect(frames[1]).toMatchObject({ size: '4 B', preview: '000102ff' });
  expect(frames[2]?.preview.endsWith('…')).toBe(true);
  expect(frames[2]?.size).toBe('4.9 kB');
  expect(frames[3]).toMatchObject({ size: '6 B', preview: 'héllo' });
  expect(frames[4]).toMatchObject({ size: '4 B', preview: '000102ff' });

  const listeners = await panel.waitFor<string>(detailsTab('/ws/echo', 'Listeners'));
  expect(listeners).toContain('onmessage');
  expect(listeners).toContain('removed (once)');
});

test('a history of thousands of events reaches a panel opened late complete and in order, and live events follow it', async ({
  inspector,
  server,
}) => {
  const { page, context, extensionId } = inspector;
  await page.goto(`${server.origin}/blank.html`);
  // 80 sockets, each made, given 30 listeners, opened, sent on and closed: some 2,900
  // lifecycle events, which cross to the panel as one large (packed) message. (Chrome opens
  // one socket to a host at a time, so many events per socket keeps this quick.)
  const made = await page.evaluate(async (url) => {
    let closedCleanly = 0;
    const one = (i: number) =>
      new Promise<void>((resolve) => {
        const ws = new WebSocket(`${url}?n=${i}`);
        for (let k = 0; k < 30; k++) ws.addEventListener('error', () => undefined);
        ws.addEventListener('message', () => ws.close(4000 + (i % 10), `bye ${i}`));
        ws.onopen = () => ws.send(`hi ${i}`);
        ws.onclose = (e) => {
          if (e.wasClean) closedCleanly++;
          resolve();
        };
      });
    for (let i = 0; i < 80; i += 20) await Promise.all(Array.from({ length: 20 }, (_, k) => one(i + k)));
    return closedCleanly;
  }, `${server.wsOrigin}/ws/echo`);
  expect(made).toBe(80);

  const panel = await panelFor(page, context, extensionId);
  const summary = `(() => ['total', 'open', 'closed'].map((k) => document.querySelector('[data-summary="' + k + '"]')?.textContent ?? ''))()`;
  await panel.waitFor(`${summary}[0] === '80 sockets'`);
  expect(await panel.evaluate<string[]>(summary)).toEqual(['80 sockets', '0 live', '80 closed']);

  // A socket made after the replay is listed after it, not lost behind it.
  await page.evaluate((url) => {
    window.ws = new WebSocket(`${url}?after`);
  }, `${server.wsOrigin}/ws/echo`);
  await panel.waitFor(`${summary}[0] === '81 sockets' && ${summary}[1] === '1 live'`);
  await panel.evaluate(`(() => { const f = document.querySelector('input.filter-text'); f.value = 'n=79'; f.dispatchEvent(new Event('input', { bubbles: true })); })()`);
  const last = await panel.waitFor<PanelRow[]>(rowsWhen(`(rows) => rows.length === 1`));
  expect(last[0]).toMatchObject({ state: 'closed', code: expect.stringContaining('4009') });
  const messages = await panel.waitFor<string>(detailsTab('n=79', 'Messages'));
  expect(messages).toContain('↑ 1 sent');
  expect(messages).toContain('hi 79');
  const listeners = await panel.waitFor<string>(detailsTab('n=79', 'Listeners'));
  expect(listeners.match(/error/g)?.length ?? 0).toBeGreaterThanOrEqual(30);
});

test('reload: without preserve log the list starts fresh; with it the old document stays, its open socket never closed', async ({
  inspector,
  server,
}) => {
  const { page, context, extensionId } = inspector;
  await page.goto(`${server.origin}/three-sockets.html`);
  const panel = await panelFor(page, context, extensionId);
  await panel.waitFor(rowsWhen(`(rows) => rows.length === 3 && rows.filter((r) => r.state === 'closed').length === 2`));

  await page.reload();
  const fresh = await panel.waitFor<PanelRow[]>(
    rowsWhen(`(rows) => rows.length === 3 && rows.filter((r) => r.state === 'closed').length === 2`),
  );
  expect(fresh.every((r) => !r.flags.includes('never closed'))).toBe(true);

  expect(await panel.evaluate(setCheckbox('preserve-log', true))).toBe(true);
  await page.reload();
  const kept = await panel.waitFor<PanelRow[]>(
    rowsWhen(`(rows) => rows.length === 6 && rows.filter((r) => r.state === 'closed').length === 5`),
  );
  expect(kept.filter((r) => r.previous)).toHaveLength(3);
  const neverClosed = kept.filter((r) => r.flags.includes('never closed'));
  expect(neverClosed).toHaveLength(1);
  expect(neverClosed[0]?.url).toContain('/ws/hold');
});
