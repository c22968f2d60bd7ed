import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * One loopback server for the demo, the tests and the benchmark: static pages over HTTP and
 * WebSocket endpoints with scripted server behaviour, chosen by path:
 *
 *   /ws/echo                      echoes every message (text stays text, binary stays binary)
 *   /ws/hold                      accepts and stays silent
 *   /ws/close?code=4001&reason=x  closes from the server right after open (optionally ?after=ms)
 *   /ws/drop?after=ms             destroys the TCP connection: the client sees 1006
 *   /ws/deaf                      completes the handshake, then never answers anything,
 *                                 not even a close frame (for "close timeout")
 *   /ws/reject                    refuses the upgrade with HTTP 403
 *   /ws/push?count=n&size=b       sends n messages of b bytes after open
 *
 * Requested subprotocols are accepted (the first one), so tests can check negotiation.
 */
export interface LoopbackServer {
  readonly port: number;
  readonly origin: string;
  readonly wsOrigin: string;
  /** Connections currently open, by path. */
  openConnections(path?: string): number;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Directory served at "/" (pages, scripts). */
  readonly staticDir: string;
  /** Extra routes: path → handler, checked before static files. */
  readonly routes?: Readonly<Record<string, (req: IncomingMessage, res: ServerResponse) => void>>;
  readonly port?: number;
  readonly host?: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

export async function startLoopbackServer(options: ServeOptions): Promise<LoopbackServer> {
  const host = options.host ?? '127.0.0.1';
  const live = new Map<WebSocket | Socket, string>();
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => protocols.values().next().value ?? false,
  });

  const server: Server = createServer((req, res) => {
    void serveHttp(req, res, options).catch(() => {
      res.writeHead(500).end();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/ws/reject') {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    if (url.pathname === '/ws/deaf') {
      acceptAndIgnore(req, socket);
      live.set(socket, url.pathname);
      socket.on('close', () => live.delete(socket));
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      live.set(ws, url.pathname);
      ws.on('close', () => live.delete(ws));
      behave(ws, url, socket);
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://${host}:${port}`,
    wsOrigin: `ws://${host}:${port}`,
    openConnections: (path) => [...live.values()].filter((p) => path === undefined || p === path).length,
    close: async () => {
      for (const conn of live.keys()) {
        if ('terminate' in conn) conn.terminate();
        else conn.destroy();
      }
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function behave(ws: WebSocket, url: URL, socket: Socket): void {
  const q = url.searchParams;
  const after = Number(q.get('after') ?? 0);
  switch (url.pathname) {
    case '/ws/echo':
      ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
      return;
    case '/ws/close':
      setTimeout(() => ws.close(Number(q.get('code') ?? 1000), q.get('reason') ?? ''), after);
      return;
    case '/ws/drop':
      setTimeout(() => socket.destroy(), after);
      return;
    case '/ws/push': {
      const count = Number(q.get('count') ?? 1);
      const payload = 'x'.repeat(Number(q.get('size') ?? 16));
      for (let i = 0; i < count; i++) ws.send(payload);
      return;
    }
    default:
      return; // /ws/hold and anything else: accept and stay silent
  }
}

/** A minimal RFC 6455 handshake, then silence: the server never sends a close frame back. */
function acceptAndIgnore(req: IncomingMessage, socket: Socket): void {
  const key = req.headers['sec-websocket-key'] ?? '';
  const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
  socket.on('data', () => {
    // deliberately deaf
  });
  socket.on('error', () => socket.destroy());
}

async function serveHttp(req: IncomingMessage, res: ServerResponse, options: ServeOptions): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  const route = options.routes?.[url.pathname];
  if (route) return route(req, res);
  const rel = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
  const file = join(options.staticDir, rel.endsWith('/') ? `${rel}index.html` : rel);
  if (!file.startsWith(normalize(options.staticDir))) {
    res.writeHead(403).end();
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}
