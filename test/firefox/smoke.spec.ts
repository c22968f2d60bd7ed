/**
 * Firefox smoke tests: the built add-on (dist/firefox) in Firefox ESR over WebDriver BiDi.
 * How the extension side is reached (chrome scope, the panel page as a tab) is explained in
 * test/support/firefox-extension.ts.
 */
import { test as base, expect } from '@playwright/test';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLoopbackServer, type LoopbackServer } from '../../demo/server';
import {
  FIREFOX_DIST,
  launchFirefoxWithExtension,
  manifestVersion,
  requireFirefoxBuild,
  type ExtensionPage,
  type FirefoxWithExtension,
} from '../support/firefox-extension';
import { detailsTab, READ_ROWS, type PanelRow } from '../support/panel-dom';

const PAGES = path.resolve('test/pages');

interface Fixtures {
  /** HTTP pages from test/pages and scripted ws endpoints, on 127.0.0.1. */
  server: LoopbackServer;
  /** Firefox ESR with dist/firefox installed as a temporary add-on. */
  firefox: FirefoxWithExtension;
}

const test = base.extend<Fixtures>({
  // An empty pattern is how Playwright declares a fixture without dependencies.
  server: async ({}, use) => {
    const server = await startLoopbackServer({ staticDir: PAGES });
    await use(server);
    await server.close();
  },
  firefox: async ({}, use, testInfo) => {
    const firefox = await launchFirefoxWithExtension({ extensionDir: FIREFOX_DIST });
    try {
      await use(firefox);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('firefox-output.txt', { body: firefox.session.outputTail(), contentType: 'text/plain' });
      }
      await firefox.close();
    }
  },
});

// Each test launches its own Firefox (~2–3 s); the whole test should stay well under 20 s.
test.describe.configure({ timeout: 30_000 });

declare global {
  interface Window {
    normal: WebSocket;
    byServer: WebSocket;
    leftOpen: WebSocket;
    kicked: WebSocket;
    later: WebSocket;
    held: WebSocket;
    heldClose: { code: number; reason: string } | null;
  }
}

/** The panel's rows keyed by the ws path (e.g. `/ws/echo`), plus how many rows there are. */
async function rowsByPath(panel: ExtensionPage): Promise<{ count: number; byPath: Record<string, PanelRow> }> {
  const rows = await panel.evaluate<PanelRow[]>(READ_ROWS);
  const byPath: Record<string, PanelRow> = {};
  for (const row of rows) byPath[new URL(row.url).pathname] = row;
  return { count: rows.length, byPath };
}

test('installs from dist/firefox as a temporary add-on with no manifest warnings', async ({ firefox }) => {
  const state = await firefox.addonState();
  expect(state).toEqual({
    id: firefox.extensionId,
    version: await manifestVersion(),
    temporarilyInstalled: true,
    isActive: true,
    warnings: [],
    errors: [],
  });
});

test('the manifest-warning probe does see warnings (so an empty list above means something)', async () => {
  // A copy of the build with one key Firefox does not know.
  requireFirefoxBuild();
  const root = await mkdtemp(path.join(tmpdir(), 'wsli-bad-manifest-'));
  const dir = path.join(root, 'extension');
  let firefox: FirefoxWithExtension | undefined;
  try {
    await cp(FIREFOX_DIST, dir, { recursive: true });
    const manifestPath = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
    await writeFile(manifestPath, JSON.stringify({ ...manifest, wsli_unknown_key_canary: true }));
    firefox = await launchFirefoxWithExtension({ extensionDir: dir, snapshot: false });
    const { warnings } = await firefox.addonState();
    expect(warnings).toEqual([expect.stringContaining('wsli_unknown_key_canary')]);
  } finally {
    await firefox?.close();
    await rm(root, { recursive: true, force: true, maxRetries: 3 });
  }
});

test("the MAIN-world hook catches the sockets of the page's first inline script, and the panel page lists them with states, close codes and reasons", async ({
  firefox,
  server,
}) => {
  const { session } = firefox;
  await session.navigate(`${server.origin}/three-sockets.html`);
  // All three sockets reach their final state before the panel first subscribes: the relay
  // keeps the history and replays it.
  await session.waitFor(
    `window.normal.readyState === 3 && window.byServer.readyState === 3 && window.leftOpen.readyState === 1`,
  );

  const panel = await firefox.openPanelFor(session.contextId);
  expect(panel.url).toMatch(/^moz-extension:\/\/[0-9a-f-]+\/extension\/panel\/panel\.html\?tabId=\d+$/);

  await expect
    .poll(() => rowsByPath(panel), { message: 'rows of the panel page (extension side)' })
    .toMatchObject({
      count: 3,
      byPath: {
        '/ws/echo': {
          url: `${server.wsOrigin}/ws/echo`,
          state: 'closed',
          code: '1000 Normal Closure',
          reason: 'done',
          initiator: 'page',
        },
        '/ws/close': {
          url: `${server.wsOrigin}/ws/close?code=4001&reason=kicked%20by%20server`,
          state: 'closed',
          code: '4001 application (4000–4999)',
          reason: 'kicked by server',
          initiator: 'server',
        },
        '/ws/hold': { url: `${server.wsOrigin}/ws/hold`, state: 'open', code: '', reason: '', initiator: '' },
      },
    });
});

test('a history of over 2,000 events reaches a panel page opened late, and the socket goes on from there', async ({ firefox, server }) => {
  const { session } = firefox;
  await session.navigate(`${server.origin}/blank.html`);
  // 2,100 listeners on one socket: a replay of over 2,000 lifecycle events, a message the relay
  // packs where it can. In Firefox ESR the content script's CompressionStream pipe does not
  // produce it (a mutation check shows the unpacked fallback is what crosses); either way the
  // whole history must arrive.
  await session.evaluate(`(() => {
    window.many = new WebSocket(${JSON.stringify(server.wsOrigin)} + '/ws/hold?many');
    for (let i = 0; i < 2100; i++) window.many.addEventListener('message', () => i);
  })()`);
  await session.waitFor(`window.many.readyState === 1`);
  const panel = await firefox.openPanelFor(session.contextId);
  await expect
    .poll(() => rowsByPath(panel))
    .toMatchObject({ count: 1, byPath: { '/ws/hold': { state: 'open', code: '', reason: '' } } });
  await session.evaluate(`window.many.close(4100, 'after the replay')`);
  await expect
    .poll(() => rowsByPath(panel))
    .toMatchObject({ count: 1, byPath: { '/ws/hold': { state: 'closed', code: '4100 application (4000–4999)', reason: 'after the replay' } } });
  expect(await panel.evaluate<boolean>(`document.querySelector('[data-summary="lost"]') === null`)).toBe(true);
});

test('sockets created after load stream live to the open panel page, with the server close code and reason', async ({
  firefox,
  server,
}) => {
  const { session } = firefox;
  await session.navigate(`${server.origin}/blank.html`);
  const panel = await firefox.openPanelFor(session.contextId);
  await panel.waitFor(`document.querySelector('.empty') !== null && document.querySelector('.status.ok') !== null`);

  // Created from script after load, while the panel watches.
  await session.evaluate(`(() => {
    const ws = ${JSON.stringify(server.wsOrigin)};
    window.later = new WebSocket(ws + '/ws/hold');
    window.kicked = new WebSocket(ws + '/ws/close?after=100&code=1008&reason=' + encodeURIComponent('token expired — bye'));
  })()`);
  await expect
    .poll(() => rowsByPath(panel))
    .toMatchObject({
      count: 2,
      byPath: {
        '/ws/hold': { state: 'open', code: '', reason: '' },
        '/ws/close': { state: 'closed', code: '1008 Policy Violation', reason: 'token expired — bye', initiator: 'server' },
      },
    });

  // And a later state change of a socket already listed.
  await session.evaluate(`window.later.close(4321, 'bye from page')`);
  await expect
    .poll(() => rowsByPath(panel))
    .toMatchObject({
      count: 2,
      byPath: {
        '/ws/hold': { state: 'closed', code: '4321 application (4000–4999)', reason: 'bye from page', initiator: 'page' },
      },
    });
});

// The command travels panel → background → relay → hook: the last hop is an event the relay
// (content-script compartment) dispatches and the hook (page compartment) reads.
test('closing a socket from the panel page reaches the page, which gets that code and reason', async ({ firefox, server }) => {
  const { session } = firefox;
  await session.navigate(`${server.origin}/blank.html`);
  const panel = await firefox.openPanelFor(session.contextId);
  await session.evaluate(`(() => {
    window.heldClose = null;
    window.held = new WebSocket(${JSON.stringify(server.wsOrigin)} + '/ws/hold');
    window.held.onclose = (e) => { window.heldClose = { code: e.code, reason: e.reason }; };
  })()`);
  await expect.poll(() => rowsByPath(panel)).toMatchObject({ byPath: { '/ws/hold': { state: 'open' } } });
  await panel.waitFor(detailsTab('/ws/hold', 'Overview'));
  await panel.waitFor(`(() => {
    const set = (selector, value) => { const el = document.querySelector(selector); el.value = value; el.dispatchEvent(new Event('input', { bubbles: true })); };
    set('[data-close="code"]', '4002');
    set('[data-close="reason"]', 'from the panel');
    return true;
  })()`);
  await panel.waitFor(`document.querySelector('[data-action="close-socket"]')?.disabled === false`);
  await panel.evaluate(`document.querySelector('[data-action="close-socket"]').click(), true`);
  await expect.poll(() => session.evaluate('window.heldClose')).toEqual({ code: 4002, reason: 'from the panel' });
  await expect
    .poll(() => rowsByPath(panel))
    .toMatchObject({ byPath: { '/ws/hold': { state: 'closed', code: '4002 application (4000–4999)', reason: 'from the panel', initiator: 'inspector' } } });
});
