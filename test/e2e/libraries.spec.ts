/**
 * Real client libraries, unchanged, with the extension loaded — each against its real server on
 * 127.0.0.1:
 *
 *   socket.io-client 4.8 ↔ socket.io 4.8           (test/support/library-servers.ts)
 *   reconnecting-websocket 4.4 ↔ the loopback server's /ws/* endpoints (demo/server.ts)
 *
 * Every test runs the same page script twice, at the same time: in Chromium with the extension
 * (and its real DevTools panel showing) and in a plain Chromium without it (DevTools open too, so
 * the extension is the only difference). What the library reported to the page — its events in
 * order, their arguments, its public state at each — must be identical in both. Then the panel
 * must show one row per underlying WebSocket, with the URL the library built and the right
 * state, close code and initiator.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { LoopbackServer } from '../../demo/server';
import { CHROMIUM_FLAGS, findChromium } from '../support/browsers';
import { openExtensionPanel, type DevToolsPanel } from '../support/devtools-panel';
import {
  startLatencyProxy,
  startLibraryPages,
  startSocketIoServer,
  type LatencyProxy,
  type SocketIoServer,
} from '../support/library-servers';
import { rowsWhen, type PanelRow } from '../support/panel-dom';
import { expect, test as base } from './fixtures';

// ── the page drivers (test/pages/lib-*.html) ──────────────────────────────────────────────────

/** test/pages/lib-socketio.html */
interface SioDriver {
  socket: {
    connected: boolean;
    active: boolean;
    connect(): void;
    disconnect(): void;
  };
  trace: string[];
  upgrades: string[];
  echoes: unknown[];
  sids: string[];
  connects: number;
  state(): { connected: boolean; disconnected: boolean; active: boolean; hasId: boolean; engine: string | null };
  connect(url: string, options: Record<string, unknown>): void;
  echo(...args: unknown[]): Promise<unknown>;
  transport(): string | null;
}

/** test/pages/lib-rws.html */
interface RwsDriver {
  rws: {
    readyState: number;
    retryCount: number;
    binaryType: string;
    send(data: unknown): void;
    close(code?: number, reason?: string): void;
    reconnect(code?: number, reason?: string): void;
  };
  trace: string[];
  built: string[];
  received: unknown[];
  state(): {
    readyState: number;
    retryCount: number;
    url: string;
    protocol: string;
    bufferedAmount: number;
    binaryType: string;
  };
  start(paths: string[], protocols?: string[], options?: Record<string, unknown>): void;
}

declare global {
  interface Window {
    sioPage: SioDriver;
    rwsPage: RwsDriver;
  }
}

// ── fixtures ──────────────────────────────────────────────────────────────────────────────────

interface LibraryFixtures {
  /** test/pages + the libraries' browser bundles + the scripted /ws/* endpoints. */
  pages: LoopbackServer;
  /** A fresh tab in the Chromium WITHOUT the extension. */
  plainPage: Page;
  /** One socket.io server per browser: dropping one's connections must not touch the other's. */
  sio: { ext: SocketIoServer; plain: SocketIoServer };
  /** `pages` behind 100 ms of latency each way, like a real network (see startLatencyProxy). */
  slowPages: LatencyProxy;
}

interface LibraryWorkerFixtures {
  /** Chromium without any extension, same flags, DevTools open for every tab like the inspector's. */
  plainBrowser: BrowserContext;
}

const test = base.extend<LibraryFixtures, LibraryWorkerFixtures>({
  plainBrowser: [
    async ({}, use) => {
      const dir = await mkdtemp(join(tmpdir(), 'wsli-plain-'));
      const context = await chromium.launchPersistentContext(dir, {
        executablePath: findChromium(),
        headless: true,
        args: [...CHROMIUM_FLAGS, '--auto-open-devtools-for-tabs'],
      });
      try {
        await use(context);
      } finally {
        await context.close();
        await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      }
    },
    { scope: 'worker' },
  ],
  plainPage: async ({ plainBrowser }, use) => {
    expect(plainBrowser.serviceWorkers(), 'the plain Chromium must run no extension').toEqual([]);
    const page = await plainBrowser.newPage();
    await use(page);
    await page.close();
  },
  pages: async ({}, use) => {
    const server = await startLibraryPages();
    await use(server);
    await server.close();
  },
  sio: async ({ pages }, use) => {
    const [ext, plain] = await Promise.all([
      startSocketIoServer({ corsOrigin: pages.origin }),
      startSocketIoServer({ corsOrigin: pages.origin }),
    ]);
    await use({ ext, plain });
    await Promise.all([ext.close(), plain.close()]);
  },
  slowPages: async ({ pages }, use) => {
    const proxy = await startLatencyProxy(pages.port, 100);
    await use(proxy);
    await proxy.close();
  },
});

test.describe.configure({ timeout: 30_000 });

// ── helpers ───────────────────────────────────────────────────────────────────────────────────

interface Side {
  readonly name: 'extension' | 'plain';
  readonly page: Page;
  readonly io: SocketIoServer;
}

/** Waits in the page until `predicate()` holds; on timeout says which browser and what the page saw. */
async function until(side: Side, what: string, predicate: () => boolean): Promise<void> {
  try {
    await side.page.waitForFunction(predicate, undefined, { timeout: 8_000 });
  } catch (err) {
    const seen = await side.page
      .evaluate(() => ({ sio: window.sioPage?.trace, rws: window.rwsPage?.trace }))
      .catch(() => null);
    throw new Error(`[${side.name}] waiting for ${what}: ${String(err)}\nthe page saw: ${JSON.stringify(seen, null, 1)}`);
  }
}

/** Runs the same scenario in both browsers at once; the panel is already showing in the extension's. */
async function onBoth<T>(
  sides: { ext: Side; plain: Side },
  scenario: (side: Side) => Promise<T>,
): Promise<{ ext: T; plain: T }> {
  const [ext, plain] = await Promise.all([scenario(sides.ext), scenario(sides.plain)]);
  return { ext, plain };
}

/** Loads `path` in both browsers and shows the real DevTools panel in the extension's. */
async function openBoth(
  path: string,
  { inspector, plainPage, pages, sio }: {
    inspector: { page: Page; context: BrowserContext; extensionId: string };
    plainPage: Page;
    pages: LoopbackServer;
    sio: { ext: SocketIoServer; plain: SocketIoServer };
  },
): Promise<{ panel: DevToolsPanel; sides: { ext: Side; plain: Side } }> {
  await Promise.all([inspector.page.goto(`${pages.origin}${path}`), plainPage.goto(`${pages.origin}${path}`)]);
  const panel = await openExtensionPanel(inspector.context, inspector.extensionId);
  // The panel app has rendered (so what follows is recorded live, not backfilled).
  await panel.waitFor(`(document.getElementById('root')?.childElementCount ?? 0) > 0`);
  return {
    panel,
    sides: {
      ext: { name: 'extension', page: inspector.page, io: sio.ext },
      plain: { name: 'plain', page: plainPage, io: sio.plain },
    },
  };
}

/** Panel rows once `predicate` holds, in creation order (row key is `<document>/<socket number>`). */
async function rowsOnceSettled(panel: DevToolsPanel, predicate: string): Promise<PanelRow[]> {
  const rows = await panel.waitFor<PanelRow[]>(rowsWhen(predicate));
  const n = (r: PanelRow): number => Number(r.key.slice(r.key.lastIndexOf('/') + 1));
  return [...rows].sort((a, b) => n(a) - n(b));
}

const wsOf = (httpOrigin: string): string => httpOrigin.replace(/^http:/, 'ws:');

// ── socket.io-client ↔ socket.io ──────────────────────────────────────────────────────────────

const SIO_PAYLOAD = ['hi', { n: 1, text: 'é🙂 "quoted"', list: [null, true, 1.5] }] as const;
const SIO_BYTES = [0, 1, 127, 128, 255];

async function sioEcho(side: Side, label: string): Promise<unknown> {
  return side.page.evaluate(
    ([text, obj, bytes, l]) => window.sioPage.echo(text, obj, new Uint8Array(bytes), l),
    [SIO_PAYLOAD[0], SIO_PAYLOAD[1], SIO_BYTES, label] as const,
  );
}

const EXPECTED_ECHO = (label: string): unknown => [SIO_PAYLOAD[0], SIO_PAYLOAD[1], { bin: SIO_BYTES }, label];

/** What the page and the server observed, to compare across browsers. */
async function sioObserved(side: Side) {
  const page = await side.page.evaluate(() => ({
    trace: window.sioPage.trace,
    echoes: window.sioPage.echoes,
    upgrades: window.sioPage.upgrades,
    sids: window.sioPage.sids,
    state: window.sioPage.state(),
  }));
  return { ...page, serverLog: [...side.io.log] };
}

test('socket.io-client over WebSocket works unchanged, reconnects after a network drop, and each WebSocket is one row', async ({
  inspector,
  plainPage,
  pages,
  sio,
}) => {
  const { panel, sides } = await openBoth('/lib-socketio.html', { inspector, plainPage, pages, sio });

  const run = await onBoth(sides, async (side) => {
    await side.page.evaluate((url) => window.sioPage.connect(url, { transports: ['websocket'] }), side.io.origin);
    await until(side, 'the first connect', () => window.sioPage.connects === 1 && window.sioPage.socket.connected);
    const ackBefore = await sioEcho(side, 'before');
    const dropped = side.io.dropNetwork();
    await until(side, 'the reconnect', () => window.sioPage.connects === 2 && window.sioPage.socket.connected);
    const ackAfter = await sioEcho(side, 'after');
    return { dropped, ackBefore, ackAfter, ...(await sioObserved(side)) };
  });

  // (1) The library behaves as without the extension.
  expect(run.ext.ackBefore).toEqual(EXPECTED_ECHO('before'));
  expect(run.ext.ackAfter).toEqual(EXPECTED_ECHO('after'));
  expect(run.ext.echoes).toEqual([EXPECTED_ECHO('before'), EXPECTED_ECHO('after')]);
  expect(run.ext.dropped).toBe(1);
  expect(run.ext.trace).toContain('socket:disconnect "transport close" | connected=false active=true id=false');
  expect(run.ext.trace).toContain('manager:reconnect 1 | connected=false active=true id=false');
  expect(run.ext.serverLog).toEqual(['connection websocket', 'disconnect transport close', 'connection websocket']);
  expect(run.ext.state).toMatchObject({ connected: true, active: true, hasId: true, engine: 'open' });
  const { sids: _e, ...extSeen } = run.ext;
  const { sids: _p, ...plainSeen } = run.plain;
  expect(extSeen, 'what the page saw with the extension vs without').toEqual(plainSeen);

  // (2) The panel: one row per WebSocket, the first ended by the network, the second open.
  const url = `${wsOf(sio.ext.origin)}/socket.io/?EIO=4&transport=websocket`;
  const rows = await rowsOnceSettled(
    panel,
    `(rows) => rows.length >= 2 && rows.some((r) => r.state === 'open') && rows.some((r) => r.state === 'closed')`,
  );
  expect(rows).toHaveLength(2);
  expect(rows[0]).toMatchObject({ url, state: 'closed', code: '1006 Abnormal Closure', reason: '', initiator: 'network' });
  expect(rows[0]?.flags).toContain('abnormal close');
  expect(rows[1]).toMatchObject({ url, state: 'open', code: '', reason: '', initiator: '' });
  // A reconnect made after the old socket closed is not the "duplicate" leak.
  for (const row of rows) expect(row.flags).not.toContain('duplicate');
});

test('socket.io: the server disconnecting everybody, then a manual reconnect and a client disconnect, are recorded as socket.io closed them', async ({
  inspector,
  plainPage,
  pages,
  sio,
}) => {
  const { panel, sides } = await openBoth('/lib-socketio.html', { inspector, plainPage, pages, sio });

  const run = await onBoth(sides, async (side) => {
    await side.page.evaluate((url) => window.sioPage.connect(url, { transports: ['websocket'] }), side.io.origin);
    await until(side, 'the first connect', () => window.sioPage.connects === 1 && window.sioPage.socket.connected);
    side.io.disconnectAll();
    // "io server disconnect": socket.io-client does not reconnect by itself (socket.active is false).
    await until(
      side,
      'the server disconnect',
      () =>
        !window.sioPage.socket.active &&
        window.sioPage.trace.some((l) => l.startsWith('socket:disconnect "io server disconnect"')),
    );
    const afterKick = await side.page.evaluate(() => window.sioPage.state());
    await side.page.evaluate(() => window.sioPage.socket.connect());
    await until(side, 'the manual reconnect', () => window.sioPage.connects === 2 && window.sioPage.socket.connected);
    const ack = await sioEcho(side, 'manual');
    await side.page.evaluate(() => window.sioPage.socket.disconnect());
    await until(side, 'the client disconnect', () =>
      window.sioPage.trace.some((l) => l.startsWith('socket:disconnect "io client disconnect"')),
    );
    return { afterKick, ack, ...(await sioObserved(side)) };
  });

  expect(run.ext.afterKick).toEqual({ connected: false, disconnected: true, active: false, hasId: false, engine: 'closed' });
  expect(run.ext.ack).toEqual(EXPECTED_ECHO('manual'));
  // socket.io-client answers the server's DISCONNECT packet by closing the engine itself.
  expect(run.ext.trace).toContain('manager:close "forced close" | connected=true active=false id=true');
  const { sids: _e, ...extSeen } = run.ext;
  const { sids: _p, ...plainSeen } = run.plain;
  expect(extSeen, 'what the page saw with the extension vs without').toEqual(plainSeen);

  // Neither side of socket.io sends a close status (engine.io's ws.close() and the client's
  // ws.close() both have no code), so the browser reports 1005. In both cases it is the page's
  // close() that starts the closing handshake: for the kick, socket.io-client calls it while the
  // socket is still OPEN, on the DISCONNECT packet, before the server's close frame is handled.
  const url = `${wsOf(sio.ext.origin)}/socket.io/?EIO=4&transport=websocket`;
  const rows = await rowsOnceSettled(panel, `(rows) => rows.length >= 2 && rows.every((r) => r.state === 'closed')`);
  expect(rows).toHaveLength(2);
  for (const row of rows) {
    expect(row).toMatchObject({ url, state: 'closed', code: '1005 No Status Received', reason: '', initiator: 'page' });
    expect(row.flags).not.toContain('abnormal close');
    expect(row.flags).not.toContain('duplicate');
  }
});

test('socket.io-client starting with HTTP polling: only the upgraded WebSocket is a row, with the sid in its URL, across a reconnect', async ({
  inspector,
  plainPage,
  pages,
  sio,
}) => {
  const { panel, sides } = await openBoth('/lib-socketio.html', { inspector, plainPage, pages, sio });

  const run = await onBoth(sides, async (side) => {
    // socket.io's default: long-polling first, then a probe WebSocket that takes over.
    await side.page.evaluate((url) => window.sioPage.connect(url, { transports: ['polling', 'websocket'] }), side.io.origin);
    await until(side, 'connect and upgrade', () => window.sioPage.connects === 1 && window.sioPage.transport() === 'websocket');
    await expect.poll(() => side.io.transports(), { timeout: 8_000 }).toEqual(['websocket']);
    const ackBefore = await sioEcho(side, 'upgraded');
    side.io.dropNetwork();
    await until(
      side,
      'reconnect and upgrade again',
      () => window.sioPage.connects === 2 && window.sioPage.socket.connected && window.sioPage.transport() === 'websocket',
    );
    const ackAfter = await sioEcho(side, 'upgraded again');
    return { ackBefore, ackAfter, ...(await sioObserved(side)) };
  });

  expect(run.ext.ackBefore).toEqual(EXPECTED_ECHO('upgraded'));
  expect(run.ext.ackAfter).toEqual(EXPECTED_ECHO('upgraded again'));
  expect(run.ext.upgrades).toEqual(['websocket', 'websocket']);
  expect(run.ext.serverLog).toEqual([
    'connection polling',
    'upgrade websocket',
    'disconnect transport close',
    'connection polling',
    'upgrade websocket',
  ]);
  expect(run.ext.sids).toHaveLength(2);
  const { sids: _e, ...extSeen } = run.ext;
  const { sids: _p, ...plainSeen } = run.plain;
  expect(extSeen, 'what the page saw with the extension vs without').toEqual(plainSeen);

  // The polling requests are HTTP, not WebSockets: exactly one row per session, for its upgrade.
  const base = `${wsOf(sio.ext.origin)}/socket.io/?EIO=4&transport=websocket&sid=`;
  const rows = await rowsOnceSettled(
    panel,
    `(rows) => rows.length >= 2 && rows.some((r) => r.state === 'open') && rows.some((r) => r.state === 'closed')`,
  );
  expect(rows).toHaveLength(2);
  expect(rows[0]).toMatchObject({
    url: `${base}${run.ext.sids[0]}`,
    state: 'closed',
    code: '1006 Abnormal Closure',
    initiator: 'network',
  });
  expect(rows[1]).toMatchObject({ url: `${base}${run.ext.sids[1]}`, state: 'open', code: '', initiator: '' });
});

// ── reconnecting-websocket ↔ the loopback server ─────────────────────────────────────────────

async function rwsObserved(side: Side) {
  return side.page.evaluate(() => ({
    trace: window.rwsPage.trace,
    received: window.rwsPage.received,
    built: window.rwsPage.built.map((u) => u.replace(/^ws:\/\/[^/]+/, '')),
    state: window.rwsPage.state(),
  }));
}

test('reconnecting-websocket works unchanged: queued send, text and binary echo, subprotocol, close() by the page', async ({
  inspector,
  plainPage,
  pages,
  sio,
}) => {
  const { panel, sides } = await openBoth('/lib-rws.html', { inspector, plainPage, pages, sio });

  const run = await onBoth(sides, async (side) => {
    const queued = await side.page.evaluate(() => {
      const t = window.rwsPage;
      t.start(['/ws/echo'], ['chat.v1', 'chat.v0']);
      t.rws.binaryType = 'arraybuffer';
      t.rws.send('queued before open'); // the library keeps it until the socket opens
      return t.state();
    });
    await until(side, 'the queued message to come back', () => window.rwsPage.received.length === 1);
    await side.page.evaluate(() => {
      window.rwsPage.rws.send('hello');
      window.rwsPage.rws.send(new Uint8Array([1, 2, 3, 255]));
    });
    await until(side, 'both echoes', () => window.rwsPage.received.length === 3);
    await side.page.evaluate(() => window.rwsPage.rws.close());
    await until(side, 'the close', () => window.rwsPage.trace.some((l) => l.startsWith('close ')));
    return { queued, ...(await rwsObserved(side)) };
  });

  expect(run.ext.queued).toEqual({
    readyState: 0,
    retryCount: 0,
    url: '',
    protocol: '',
    bufferedAmount: 'queued before open'.length,
    binaryType: 'arraybuffer',
  });
  expect(run.ext.received).toEqual(['queued before open', 'hello', { bin: [1, 2, 3, 255] }]);
  expect(run.ext.state).toMatchObject({ readyState: 3, retryCount: 0, url: '/ws/echo', protocol: 'chat.v1' });
  expect(run.ext.trace.at(-1)).toBe('close 1000 "" wasClean=true | readyState=3 retryCount=0 url=/ws/echo protocol=chat.v1');
  expect(run.ext, 'what the page saw with the extension vs without').toEqual(run.plain);

  const rows = await rowsOnceSettled(panel, `(rows) => rows.length >= 1 && rows.every((r) => r.state === 'closed')`);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    url: `${pages.wsOrigin}/ws/echo`,
    state: 'closed',
    code: '1000 Normal Closure',
    reason: '',
    initiator: 'page',
  });
});

test('reconnecting-websocket reconnects through a server close, a refused handshake and a network drop: one row each, closed by whom it was', async ({
  inspector,
  plainPage,
  pages,
  sio,
}) => {
  const { panel, sides } = await openBoth('/lib-rws.html', { inspector, plainPage, pages, sio });
  const PATHS = ['/ws/close?code=4000&reason=go%20away', '/ws/reject', '/ws/drop?after=100', '/ws/echo'];

  const run = await onBoth(sides, async (side) => {
    await side.page.evaluate((paths) => window.rwsPage.start(paths, undefined, { minUptime: 1500 }), PATHS);
    await until(
      side,
      'the fourth socket (/ws/echo) to open',
      () => window.rwsPage.built.length === 4 && window.rwsPage.rws.readyState === 1,
    );
    const whileReconnected = await side.page.evaluate(() => window.rwsPage.state());
    await side.page.evaluate(() => window.rwsPage.rws.send('still works'));
    await until(side, 'the echo', () => window.rwsPage.received.length === 1);
    // After minUptime of a healthy connection the library resets its retry count. 1.5 s leaves
    // the reads and the echo above well inside it on both sides, even on a loaded machine.
    await until(side, 'retryCount back to 0', () => window.rwsPage.rws.retryCount === 0);
    await side.page.evaluate(() => window.rwsPage.rws.close());
    await until(side, 'the final close', () => window.rwsPage.rws.readyState === 3 && window.rwsPage.trace.at(-1)!.startsWith('close 1000'));
    return { whileReconnected, ...(await rwsObserved(side)) };
  });

  expect(run.ext.built).toEqual(PATHS);
  expect(run.ext.whileReconnected).toMatchObject({ readyState: 1, retryCount: 3, url: '/ws/echo' });
  expect(run.ext.received).toEqual(['still works']);
  expect(run.ext.trace).toContain('close 4000 "go away" wasClean=true | readyState=3 retryCount=1 url=/ws/close?code=4000&reason=go%20away protocol=');
  expect(run.ext, 'what the page saw with the extension vs without').toEqual(run.plain);

  // The panel has the REAL close of each socket, even where the library reported something else
  // (after an error event it removes its listeners, calls close() on the dead socket and makes up
  // a 1000 close event of its own).
  const rows = await rowsOnceSettled(panel, `(rows) => rows.length >= 4 && rows.every((r) => r.state === 'closed')`);
  expect(rows.map((r) => r.url)).toEqual(PATHS.map((p) => `${pages.wsOrigin}${p}`));
  expect(rows.map(({ code, reason, initiator }) => ({ code, reason, initiator }))).toEqual([
    { code: '4000 application (4000–4999)', reason: 'go away', initiator: 'server' },
    { code: '1006 Abnormal Closure', reason: '', initiator: 'network' },
    { code: '1006 Abnormal Closure', reason: '', initiator: 'network' },
    { code: '1000 Normal Closure', reason: '', initiator: 'page' },
  ]);
  for (const row of rows) expect(row.flags).not.toContain('duplicate');
});

test('reconnecting-websocket reconnect() over a 100 ms network: the old socket is closed by the page with its code, the new one is open, and neither is a "duplicate"', async ({
  inspector,
  plainPage,
  pages,
  sio,
  slowPages,
}) => {
  const { panel, sides } = await openBoth('/lib-rws.html', { inspector, plainPage, pages, sio });
  // Through the latency proxy the old socket's closing handshake takes a round trip (~200 ms),
  // while reconnect() makes the new socket at once: as on any real network, the new socket is
  // created while the old one is CLOSING. (On bare loopback that is a race either way.)
  const url = `${slowPages.wsOrigin}/ws/echo`;

  const run = await onBoth(sides, async (side) => {
    await side.page.evaluate((u) => window.rwsPage.start([u]), url);
    await until(side, 'open', () => window.rwsPage.rws.readyState === 1);
    await side.page.evaluate(() => window.rwsPage.rws.reconnect(4002, 'manual'));
    await until(side, 'the new socket to open', () => window.rwsPage.built.length === 2 && window.rwsPage.rws.readyState === 1);
    await side.page.evaluate(() => window.rwsPage.rws.send('on the new socket'));
    await until(side, 'the echo', () => window.rwsPage.received.length === 1);
    return rwsObserved(side);
  });

  expect(run.ext.received).toEqual(['on the new socket']);
  expect(run.ext.built).toEqual(['/ws/echo', '/ws/echo']);
  // The library reports a close event of its own making, at once, while the socket is CLOSING.
  expect(run.ext.trace).toContain('close 4002 "manual" wasClean=true | readyState=2 retryCount=0 url=/ws/echo protocol=');
  expect(run.ext, 'what the page saw with the extension vs without').toEqual(run.plain);

  const rows = await rowsOnceSettled(
    panel,
    `(rows) => rows.length >= 2 && rows.some((r) => r.state === 'open') && rows.some((r) => r.state === 'closed')`,
  );
  expect(rows).toHaveLength(2);
  expect(rows[0]).toMatchObject({ url, state: 'closed', code: '4002 application (4000–4999)', reason: 'manual', initiator: 'page' });
  expect(rows[1]).toMatchObject({ url, state: 'open', code: '', initiator: '' });
  // The library called close() on the old socket before it created the new one; only the old
  // one's closing handshake overlaps the new one's. That is not the "reconnect leak" the flag is for.
  expect(rows[0]?.flags, 'old socket flags').not.toContain('duplicate');
  expect(rows[1]?.flags, 'new socket flags').not.toContain('duplicate');
});
