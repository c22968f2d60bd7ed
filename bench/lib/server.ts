/**
 * The benchmark's loopback servers: the project's demo server (bench/pages over HTTP, /ws/echo …)
 * and a second `ws` server on its own port with two endpoints the demo server lacks:
 *
 *   /rate?rate=10000&total=n&size=64   sends n messages at `rate` per second, evenly (every ms it
 *                                       sends what is due), each "<seq>:" padded to `size` bytes
 *   /flood?count=n&size=32             sends n messages as fast as the socket drains (pauses while
 *                                       more than 1 MB is buffered, so Node's memory stays flat)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { startLoopbackServer, type LoopbackServer } from '../../demo/server';

export interface BenchServers {
  readonly demo: LoopbackServer;
  /** ws://127.0.0.1:<port> of the extra endpoints. */
  readonly extraWsOrigin: string;
  close(): Promise<void>;
}

export async function startBenchServers(): Promise<BenchServers> {
  const demo = await startLoopbackServer({ staticDir: resolve('bench/pages') });
  const http: Server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (ws, req) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const q = url.searchParams;
    const size = Number(q.get('size') ?? 64);
    if (url.pathname === '/rate') rate(ws, Number(q.get('rate') ?? 10_000), Number(q.get('total') ?? 1000), size);
    else if (url.pathname === '/flood') flood(ws, Number(q.get('count') ?? 1000), size);
  });
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  const port = (http.address() as AddressInfo).port;
  return {
    demo,
    extraWsOrigin: `ws://127.0.0.1:${port}`,
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((done) => http.close(() => done()));
      await demo.close();
    },
  };
}

function padded(seq: number, size: number): string {
  const head = `${seq}:`;
  return head.length >= size ? head : head + 'r'.repeat(size - head.length);
}

function rate(ws: WebSocket, perSecond: number, total: number, size: number): void {
  const t0 = performance.now();
  let sent = 0;
  const timer = setInterval(() => {
    if (ws.readyState !== ws.OPEN) return clearInterval(timer);
    const due = Math.min(total, Math.floor(((performance.now() - t0) * perSecond) / 1000));
    while (sent < due) ws.send(padded(sent++, size));
    if (sent >= total) clearInterval(timer);
  }, 1);
}

function flood(ws: WebSocket, count: number, size: number): void {
  const payload = 'f'.repeat(size);
  let sent = 0;
  const step = (): void => {
    while (sent < count && ws.readyState === ws.OPEN && ws.bufferedAmount < 1 << 20) {
      ws.send(payload);
      sent++;
    }
    if (sent < count && ws.readyState === ws.OPEN) setTimeout(step, 1);
  };
  step();
}
