/**
 * The panel as a user meets it, in the real DevTools panel: the list and its sorting, selection
 * and every details tab, the filters, the timeline, closing a socket from the panel, export
 * (JSON and HAR, validated against their schemas) and re-import, the theme, the keyboard, and
 * open-in-Sources. The README's screenshots are taken here, so they never go stale.
 */
import { mkdirSync } from 'node:fs';
import * as v from 'valibot';
import { openExtensionPanel, type DevToolsPanel } from '../support/devtools-panel';
import { detailsTab, READ_ROWS, rowsWhen, type PanelRow } from '../support/panel-dom';
import { SessionExportSchema } from '../../src/ui/schema/export-schema';
import { harProblems } from '../../src/ui/schema/har-schema';
import { expect, test } from './fixtures';

declare global {
  interface Window {
    feed: WebSocket;
    closes: Array<{ url: string; code: number; reason: string }>;
  }
}

const SHOTS = 'docs/screenshots';

/** Four settled sockets (feed open, kicked 4001, dropped 1006, done 1000) in the real panel. */
async function tour(inspector: Parameters<Parameters<typeof test>[2]>[0]['inspector'], origin: string): Promise<DevToolsPanel> {
  const { page, context, extensionId } = inspector;
  await page.goto(`${origin}/panel.html`);
  const panel = await openExtensionPanel(context, extensionId);
  await panel.waitFor(
    rowsWhen(`(rows) => rows.length === 4 && rows.filter((r) => r.state === 'closed').length === 3
      && rows.find((r) => r.url.includes('feed'))?.state === 'open'`),
  );
  await panel.waitFor(`document.querySelector('tr[data-socket] .col-messages')?.textContent.trim() === '3 / 3'`);
  return panel;
}

const urlsInOrder = `(async () => (await ${READ_ROWS}).map((r) => r.url.replace(/^ws:\\/\\/[^/]+/, '')))()`;
const click = (selector: string): string =>
  `(() => { const el = document.querySelector(${JSON.stringify(selector)}); if (!el) return false; el.click(); return true; })()`;
const setValue = (selector: string, value: string, event = 'input'): string =>
  `(() => { const el = document.querySelector(${JSON.stringify(selector)}); if (!el) return false;
    el.value = ${JSON.stringify(value)}; el.dispatchEvent(new Event(${JSON.stringify(event)}, { bubbles: true })); return true; })()`;
const key = (k: string, opts = ''): string =>
  `(() => { const t = document.activeElement ?? document.body; t.dispatchEvent(new KeyboardEvent('keydown', { key: ${JSON.stringify(k)}, bubbles: true, cancelable: true ${opts} })); return true; })()`;

test('the list shows every column, sorts by a column both ways, and summarises', async ({ inspector, server }) => {
  const panel = await tour(inspector, server.origin);
  const rows = await panel.evaluate<PanelRow[]>(READ_ROWS);
  const by = (part: string): PanelRow | undefined => rows.find((r) => r.url.includes(part));
  expect(by('/ws/close')).toMatchObject({ state: 'closed', code: '4001 application (4000–4999)', reason: 'session expired', initiator: 'server', flags: ['listeners left'] });
  expect(by('/ws/drop')).toMatchObject({ code: '1006 Abnormal Closure', initiator: 'network' });
  expect(by('/ws/drop')?.flags).toEqual(expect.arrayContaining(['abnormal close', 'listeners left']));
  expect(by('?done')).toMatchObject({ code: '1000 Normal Closure', reason: 'finished', initiator: 'page', flags: [] });
  const feedCells = await panel.evaluate<Record<string, string>>(`(() => {
    const tr = [...document.querySelectorAll('tr[data-socket]')].find((t) => t.textContent.includes('feed'));
    return Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.className.split(' ')[0], td.textContent]));
  })()`);
  expect(feedCells).toMatchObject({ 'col-protocol': 'chat.v1', 'col-messages': '3 / 3' });
  expect(feedCells['col-listeners']).toContain('message 1');
  expect(feedCells['col-bytes']).toMatch(/B \/ .*B/);

  // Creation order by default; Close code ascending, then descending (empty codes last both ways).
  const created = await panel.evaluate<string[]>(urlsInOrder);
  expect(created).toEqual(['/ws/echo?feed', '/ws/close?code=4001&reason=session%20expired', '/ws/drop?after=50', '/ws/echo?done']);
  await panel.evaluate(click('th.col-code .sort-button'));
  await panel.waitFor(`document.querySelector('th.col-code')?.getAttribute('aria-sort') === 'ascending'`);
  expect(await panel.evaluate<string[]>(urlsInOrder)).toEqual(['/ws/echo?done', '/ws/drop?after=50', '/ws/close?code=4001&reason=session%20expired', '/ws/echo?feed']);
  await panel.evaluate(click('th.col-code .sort-button'));
  await panel.waitFor(`document.querySelector('th.col-code')?.getAttribute('aria-sort') === 'descending'`);
  expect(await panel.evaluate<string[]>(urlsInOrder)).toEqual(['/ws/close?code=4001&reason=session%20expired', '/ws/drop?after=50', '/ws/echo?done', '/ws/echo?feed']);
  await panel.evaluate(click('th.col-code .sort-button'));
  await panel.waitFor(`document.querySelector('th.col-code')?.getAttribute('aria-sort') === 'none'`);
  expect(await panel.evaluate<string[]>(urlsInOrder)).toEqual(created);

  const summary = await panel.evaluate<string>(`document.querySelector('.summary').textContent`);
  expect(summary).toContain('4 sockets');
  expect(summary).toContain('1 live');
  expect(summary).toContain('3 closed');
  expect(summary).toContain('2 flagged');
  expect(summary).toContain('2 listeners left');
  expect(summary).toContain('1 abnormal close');
  mkdirSync(SHOTS, { recursive: true });
  await panel.screenshot(`${SHOTS}/panel.png`);
});

test('the details: overview with timeline and close-code meaning, messages as JSON, text and hex, listeners, stacks, flags', async ({
  inspector,
  server,
}) => {
  const panel = await tour(inspector, server.origin);

  const kicked = await panel.waitFor<string>(detailsTab('/ws/close', 'Overview'));
  expect(kicked).toContain('4001 application (4000–4999)');
  expect(kicked).toContain('application-defined');
  expect(kicked).toContain('session expired');
  expect(kicked).toContain('server: the server sent a close frame');
  const phases = await panel.evaluate<string[]>(`[...document.querySelectorAll('.phases [data-phase]')].map((li) => li.dataset.phase)`);
  expect(phases).toEqual(['connecting', 'open', 'closed']);
  const steps = await panel.evaluate<string[]>(`[...document.querySelectorAll('.timeline-events [data-step]')].map((li) => li.dataset.step)`);
  expect(steps[0]).toBe('created');
  expect(steps).toContain('listener-added');
  expect(steps.at(-1)).toBe('closed');

  const dropped = await panel.waitFor<string>(detailsTab('/ws/drop', 'Overview'));
  expect(dropped).toContain('closed without a close frame');
  expect(await panel.waitFor<string>(detailsTab('/ws/drop', 'Flags'))).toContain('Fix:');

  const done = await panel.waitFor<string>(detailsTab('?done', 'Overview'));
  expect(done).toContain('page: the page called close()');
  expect(await panel.evaluate<string[]>(`[...document.querySelectorAll('.phases [data-phase]')].map((li) => li.dataset.phase)`)).toEqual([
    'connecting',
    'open',
    'closing',
    'closed',
  ]);
  expect(await panel.waitFor<string>(detailsTab('?done', 'Stacks'))).toMatch(/close\(1000, "finished"\)[\s\S]*panel\.js/);

  await panel.waitFor<string>(detailsTab('feed', 'Overview'));
  mkdirSync(SHOTS, { recursive: true });
  await panel.screenshot(`${SHOTS}/details-overview.png`);

  // Messages: 6 frames (3 sent, 3 echoed); select the JSON one, then the binary one.
  await panel.waitFor<string>(detailsTab('feed', 'Messages'));
  await panel.waitFor(`document.querySelectorAll('.frames tr').length === 6`);
  await panel.evaluate(`document.querySelector('.frames tr[data-dir="out"]').click()`);
  const json = await panel.waitFor<string>(`document.querySelector('.payload[data-payload="json"] .json-tree')?.textContent`);
  expect(json).toContain('type: "hello"');
  expect(json).toContain('rooms: Array(3)');
  // Collapsing the root hides its children.
  await panel.evaluate(click('.json-tree > li > .json-toggle'));
  await panel.waitFor(`!document.querySelector('.json-tree')?.textContent.includes('user: ')`);
  await panel.evaluate(`[...document.querySelectorAll('.frames tr')].find((tr) => tr.querySelector('.preview').classList.contains('binary')).click()`);
  const hex = await panel.waitFor<string>(`document.querySelector('.payload[data-payload="binary"] .hex-dump')?.textContent`);
  expect(hex).toContain('00000000  00 01 02 ff 41 42');
  expect(hex).toContain('....AB');
  await panel.screenshot(`${SHOTS}/details-messages.png`);

  // Filters: text, regex, direction.
  await panel.evaluate(setValue('[data-filter="message-text"]', 'PLAIN'));
  await panel.waitFor(`document.querySelectorAll('.frames tr').length === 2`);
  await panel.evaluate(setValue('[data-filter="message-text"]', '^\\{"type":"hel+o"'));
  await panel.evaluate(click('[data-filter="message-regex"]'));
  await panel.waitFor(`document.querySelectorAll('.frames tr').length === 2`);
  await panel.evaluate(setValue('[data-filter="message-text"]', '('));
  await panel.waitFor(`document.querySelector('[data-filter="message-text"]').getAttribute('aria-invalid') === 'true'`);
  await panel.evaluate(setValue('[data-filter="message-text"]', ''));
  await panel.evaluate(setValue('[data-filter="message-dir"]', 'in', 'change'));
  await panel.waitFor(`document.querySelectorAll('.frames tr').length === 3 && [...document.querySelectorAll('.frames tr')].every((tr) => tr.dataset.dir === 'in')`);

  const listeners = await panel.waitFor<string>(detailsTab('feed', 'Listeners'));
  expect(listeners).toContain('onopen');
  expect(listeners).toContain('onclose');
  expect(await panel.evaluate<number>(`document.querySelectorAll('.listeners tr[data-attached="true"]').length`)).toBe(3);
});

test('the filter bar: URL text, state, flagged only, flag kind; "/" focuses it and Escape clears it', async ({ inspector, server }) => {
  const panel = await tour(inspector, server.origin);
  const shown = `(async () => (await ${READ_ROWS}).length)()`;
  await panel.evaluate(`document.querySelector('table.sockets').focus()`);
  await panel.evaluate(key('/'));
  expect(await panel.evaluate(`document.activeElement?.dataset.filter`)).toBe('text');
  await panel.evaluate(setValue('[data-filter="text"]', 'ECHO'));
  await panel.waitFor(`(async () => (await ${READ_ROWS}).length === 2)()`);
  expect(await panel.evaluate<string>(`document.querySelector('[data-summary="shown"]')?.textContent`)).toBe('2 shown');
  await panel.evaluate(key('Escape'));
  await panel.waitFor(`document.querySelector('[data-filter="text"]').value === ''`);
  expect(await panel.evaluate<number>(shown)).toBe(4);

  await panel.evaluate(setValue('[data-filter="state"]', 'live', 'change'));
  await panel.waitFor(rowsWhen(`(rows) => rows.length === 1 && rows[0].url.includes('feed')`));
  await panel.evaluate(setValue('[data-filter="state"]', 'closed', 'change'));
  await panel.waitFor(rowsWhen(`(rows) => rows.length === 3`));
  await panel.evaluate(setValue('[data-filter="state"]', 'all', 'change'));

  // Flagged: the dropped socket (abnormal close, listeners left) and the kicked one, whose
  // close listener was never removed (listeners left).
  await panel.evaluate(click('[data-setting="flagged-only"]'));
  await panel.waitFor(rowsWhen(`(rows) => rows.length === 2 && rows.every((r) => r.url.includes('/ws/drop') || r.url.includes('/ws/close'))`));
  await panel.evaluate(click('[data-setting="flagged-only"]'));
  await panel.evaluate(setValue('[data-filter="flag"]', 'abnormal close', 'change'));
  await panel.waitFor(rowsWhen(`(rows) => rows.length === 1 && rows[0].url.includes('/ws/drop')`));
  await panel.evaluate(setValue('[data-filter="flag"]', 'duplicate', 'change'));
  await panel.waitFor(`document.querySelector('[data-empty="filtered"]') !== null`);
  await panel.evaluate(click('[data-empty="filtered"] button'));
  await panel.waitFor(rowsWhen(`(rows) => rows.length === 4`));
});

test('keyboard: arrows move the selection, Enter moves into the details, arrows switch tabs, Escape closes them', async ({
  inspector,
  server,
}) => {
  const panel = await tour(inspector, server.origin);
  await panel.evaluate(`document.querySelector('table.sockets').focus()`);
  await panel.evaluate(key('ArrowDown'));
  await panel.waitFor(`document.querySelector('tr[aria-selected="true"]')?.textContent.includes('feed')`);
  await panel.evaluate(key('ArrowDown'));
  await panel.waitFor(`document.querySelector('tr[aria-selected="true"]')?.textContent.includes('/ws/close')`);
  await panel.evaluate(key('End'));
  await panel.waitFor(`document.querySelector('tr[aria-selected="true"]')?.textContent.includes('done')`);
  await panel.evaluate(key('ArrowUp'));
  await panel.waitFor(`document.querySelector('tr[aria-selected="true"]')?.textContent.includes('/ws/drop')`);
  // The dropped socket is flagged: its details open on the Flags tab.
  await panel.waitFor(`document.querySelector('.details [aria-selected="true"][role="tab"]')?.dataset.tab === 'Flags'`);
  await panel.evaluate(key('Enter'));
  expect(await panel.evaluate(`document.activeElement?.dataset.tab`)).toBe('Flags');
  await panel.evaluate(key('ArrowRight'));
  await panel.waitFor(`document.activeElement?.dataset.tab === 'Overview' && document.querySelector('.details-body').dataset.panel === 'Overview'`);
  await panel.evaluate(key('ArrowLeft'));
  await panel.waitFor(`document.querySelector('.details-body').dataset.panel === 'Flags'`);
  await panel.evaluate(key('Escape'));
  await panel.waitFor(`document.querySelector('.details') === null`);
  expect(await panel.evaluate(`document.activeElement?.classList.contains('sockets')`)).toBe(true);
});

test('closing a live socket from the panel: the page gets the close event with the chosen code and reason', async ({ inspector, server }) => {
  const panel = await tour(inspector, server.origin);
  await panel.waitFor(detailsTab('feed', 'Overview'));
  // A code close() would reject is refused in the panel, with the reason.
  await panel.evaluate(setValue('[data-close="code"]', '1001'));
  const problem = await panel.waitFor<string>(`document.querySelector('[data-field="close-problem"]')?.textContent`);
  expect(problem).toContain('InvalidAccessError');
  expect(await panel.evaluate(`document.querySelector('[data-action="close-socket"]').disabled`)).toBe(true);

  await panel.evaluate(setValue('[data-close="code"]', '4321'));
  await panel.evaluate(setValue('[data-close="reason"]', 'test reconnect'));
  await panel.waitFor(`document.querySelector('[data-action="close-socket"]')?.disabled === false`);
  await panel.evaluate(click('[data-action="close-socket"]'));
  await inspector.page.waitForFunction(() => window.closes.length === 1);
  expect(await inspector.page.evaluate(() => window.closes[0])).toMatchObject({ code: 4321, reason: 'test reconnect' });
  const [row] = await panel.waitFor<PanelRow[]>(rowsWhen(`(rows) => rows[0]?.state === 'closed' && rows[0].url.includes('feed')`));
  expect(row).toMatchObject({ code: '4321 application (4000–4999)', reason: 'test reconnect', initiator: 'inspector' });
});

test('export as JSON and HAR (each valid against its schema), and the JSON imported again shows the same sockets', async ({
  inspector,
  server,
}) => {
  const panel = await tour(inspector, server.origin);
  // Catch the download the panel starts: the Blob behind the clicked <a download>.
  const CAPTURE = `(() => {
    window.__downloads = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      if (this.download) fetch(this.href).then((r) => r.text()).then((text) => window.__downloads.push({ name: this.download, text }));
      else click.call(this);
    };
    return true;
  })()`;
  await panel.evaluate(CAPTURE);
  await panel.evaluate(click('[data-action="export-json"]'));
  await panel.evaluate(click('[data-action="export-har"]'));
  const files = await panel.waitFor<Array<{ name: string; text: string }>>(`window.__downloads.length === 2 && window.__downloads`);
  const jsonFile = files.find((f) => f.name.endsWith('.json'));
  const harFile = files.find((f) => f.name.endsWith('.har'));
  expect(jsonFile?.name).toMatch(/^websockets-127\.0\.0\.1_\d+-\d{4}-\d\d-\d\dT[\d-]+\.json$/);

  const session: unknown = JSON.parse(jsonFile?.text ?? 'null');
  const parsed = v.safeParse(SessionExportSchema, session);
  expect(parsed.issues?.map((i) => `${v.getDotPath(i)}: ${i.message}`) ?? []).toEqual([]);
  const sockets = (session as { sockets: Array<{ url: string; flags: Array<{ kind: string }> }> }).sockets;
  expect(sockets).toHaveLength(4);
  expect(sockets.find((s) => s.url.includes('/ws/drop'))?.flags.map((f) => f.kind)).toEqual(expect.arrayContaining(['abnormal close']));

  const har: unknown = JSON.parse(harFile?.text ?? 'null');
  expect(harProblems(har)).toEqual([]);
  const entries = (har as { log: { entries: Array<{ request: { url: string }; _webSocketMessages?: Array<{ type: string; opcode: number }> }> } }).log.entries;
  const feed = entries.find((e) => e.request.url.includes('feed'));
  expect(feed?._webSocketMessages?.map((m) => `${m.type}:${m.opcode}`)).toEqual(expect.arrayContaining(['send:1', 'receive:1', 'send:2', 'receive:2']));

  // Import the JSON file through the file input, as a user picking it.
  await panel.evaluate(`(() => {
    const input = document.querySelector('[data-action="import-file"]');
    const dt = new DataTransfer();
    dt.items.add(new File([window.__downloads.find((f) => f.name.endsWith('.json')).text], 'saved.json', { type: 'application/json' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return true;
  })()`);
  await panel.waitFor(`document.querySelector('[data-import="saved.json"]') !== null`);
  const imported = await panel.waitFor<PanelRow[]>(rowsWhen(`(rows) => rows.length === 4`));
  const live = files.length === 2 ? sockets.map((s) => s.url).sort() : [];
  expect(imported.map((r) => r.url).sort()).toEqual(live);
  expect(imported.find((r) => r.url.includes('/ws/close'))).toMatchObject({ code: '4001 application (4000–4999)', reason: 'session expired' });
  expect(await panel.evaluate(`document.querySelector('[data-status]').textContent`)).toBe('imported file');

  // A file that is not an export is refused with a reason; the import stays as it was.
  await panel.evaluate(`(() => {
    const input = document.querySelector('[data-action="import-file"]');
    const dt = new DataTransfer();
    dt.items.add(new File(['{"format":"something else"}'], 'other.json'));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return true;
  })()`);
  expect(await panel.waitFor<string>(`document.querySelector('[data-notice="error"]')?.textContent`)).toContain('not a WebSocket Lifecycle Inspector session');
  await panel.evaluate(click('[data-action="close-import"]'));
  await panel.waitFor(`document.querySelector('[data-status]').textContent === 'recording'`);
});

test('follows the DevTools theme, light to dark and back', async ({ inspector, server }) => {
  const panel = await tour(inspector, server.origin);
  const setTheme = (name: string): string =>
    `(async () => { (await import('./core/common/common.js')).Settings.Settings.instance().moduleSetting('ui-theme').set('${name}'); return true; })()`;
  const background = `getComputedStyle(document.body).backgroundColor`;
  await panel.evaluateInDevTools(setTheme('light'));
  await panel.waitFor(`document.documentElement.dataset.theme === 'light'`);
  expect(await panel.evaluate(background)).toBe('rgb(255, 255, 255)');
  await panel.evaluateInDevTools(setTheme('dark'));
  await panel.waitFor(`document.documentElement.dataset.theme === 'dark'`);
  expect(await panel.evaluate(background)).toBe('rgb(40, 40, 40)');
  mkdirSync(SHOTS, { recursive: true });
  await panel.screenshot(`${SHOTS}/panel-dark.png`);
  await panel.evaluateInDevTools(setTheme('light'));
  await panel.waitFor(`document.documentElement.dataset.theme === 'light'`);
});

test('a stack frame opens its source in the Sources panel', async ({ inspector, server }) => {
  const panel = await tour(inspector, server.origin);
  await panel.waitFor(detailsTab('?done', 'Stacks'));
  const link = await panel.evaluate<string>(`(() => { const b = [...document.querySelectorAll('.source-link')].find((b) => /\\/panel\\.js:\\d+:\\d+$/.test(b.textContent)); b.click(); return b.textContent; })()`);
  expect(link).toMatch(new RegExp(`^${server.origin}/panel\\.js:\\d+:\\d+$`));
  // The Sources panel, on the DevTools side, now shows that file.
  await expect
    .poll(
      () =>
        panel.evaluateInDevTools<string | null>(`(async () => {
          const UI = await import('./ui/legacy/legacy.js');
          if (UI.InspectorView.InspectorView.instance().tabbedPane.selectedTabId !== 'sources') return null;
          const Sources = await import('./panels/sources/sources.js');
          return Sources.SourcesPanel.SourcesPanel.instance().sourcesView().currentUISourceCode()?.url() ?? null;
        })()`),
      { timeout: 15_000 },
    )
    .toBe(`${server.origin}/panel.js`);
});
