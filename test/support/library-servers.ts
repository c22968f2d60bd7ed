/**
 * Real servers for the client-library e2e tests (test/e2e/libraries.spec.ts), all on 127.0.0.1.
 *
 * - `startLibraryPages()`: the project's loopback server (demo/server.ts) serving test/pages plus
 *   the two libraries' browser bundles straight from node_modules, unmodified:
 *     /lib/socket.io.min.js                  socket.io-client (global `io`)
 *     /lib/reconnecting-websocket.min.js     reconnecting-websocket (global `ReconnectingWebSocket`)
 *   Its scripted ws endpoints (/ws/echo, /ws/drop, /ws/close, …) serve reconnecting-websocket.
 * - `startSocketIoServer()`: a real `socket.io` Server on its own http server, with an `echo`
 *   event, a server-side "disconnect everybody" and a network drop (TCP connections destroyed
 *   without a close frame, which the browser reports as 1006).
 * - `startLatencyProxy()`: a TCP proxy that delays every byte, both ways, like a real network
 *   between browser and server. On loopback a closing handshake completes in about a millisecond;
 *   through the proxy it takes a round trip, which makes "the page closed a socket and made a new
 *   one before the old one's close event" deterministic instead of a race.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect as tcpConnect, createServer as createTcpServer, type AddressInfo, type Socket as TcpSocket } from 'node:net';
import { resolve } from 'node:path';
import { Server } from 'socket.io';
import { startLoopbackServer, type LoopbackServer } from '../../demo/server';

export const PAGES_DIR = resolve('test/pages');

const BUNDLES: Readonly<Record<string, string>> = {
  '/lib/socket.io.min.js': resolve('node_modules/socket.io-client/dist/socket.io.min.js'),
  '/lib/reconnecting-websocket.min.js': resolve(
    'node_modules/reconnecting-websocket/dist/reconnecting-websocket-iife.min.js',
  ),
};

function serveFile(path: string) {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    readFile(path).then(
      (body) => {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
        res.end(body);
      },
      () => {
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`missing ${path}`);
      },
    );
  };
}

/** test/pages over HTTP, the library bundles under /lib/, and the scripted /ws/* endpoints. */
export function startLibraryPages(): Promise<LoopbackServer> {
  const routes = Object.fromEntries(Object.entries(BUNDLES).map(([route, file]) => [route, serveFile(file)]));
  return startLoopbackServer({ staticDir: PAGES_DIR, routes });
}

export interface SocketIoServer {
  readonly io: Server;
  readonly port: number;
  /** `http://127.0.0.1:<port>`: what the page passes to `io()`. */
  readonly origin: string;
  /**
   * What the server saw, in order: `connection <transport>`, `upgrade <transport>`,
   * `disconnect <reason>`. Deterministic enough to assert on; no ids.
   */
  readonly log: readonly string[];
  /** socket.io sockets currently connected (default namespace). */
  connectedCount(): number;
  /** Engine.io transports of the connected clients, e.g. ['websocket']. */
  transports(): string[];
  /**
   * `io.disconnectSockets(true)`: socket.io sends each client a DISCONNECT packet and closes the
   * underlying connection. The client reports "io server disconnect" and does NOT reconnect.
   */
  disconnectAll(): void;
  /**
   * Destroys every TCP connection the http server holds (WebSocket and polling alike) without a
   * WebSocket close frame: a network drop. The browser reports 1006; socket.io-client reconnects.
   * Returns how many connections were destroyed.
   */
  dropNetwork(): number;
  /** Closes socket.io, engine.io and every connection; never hangs on keep-alive sockets. */
  close(): Promise<void>;
}

export interface SocketIoServerOptions {
  /** Origin allowed by CORS (needed by the polling transport when the page is on another port). */
  corsOrigin?: string;
}

export async function startSocketIoServer(opts: SocketIoServerOptions = {}): Promise<SocketIoServer> {
  const host = '127.0.0.1';
  const http = createServer();
  const tcp = new Set<TcpSocket>();
  http.on('connection', (socket: TcpSocket) => {
    tcp.add(socket);
    socket.once('close', () => tcp.delete(socket));
  });

  const io = new Server(http, {
    cors: { origin: opts.corsOrigin ?? true },
    // Keep the defaults that matter for behaviour (ping interval/timeout) but never serve the
    // client bundle from here: the pages load it from the loopback server.
    serveClient: false,
  });
  const log: string[] = [];

  io.on('connection', (socket) => {
    log.push(`connection ${socket.conn.transport.name}`);
    socket.conn.once('upgrade', (transport: { name: string }) => log.push(`upgrade ${transport.name}`));
    socket.on('disconnect', (reason) => log.push(`disconnect ${reason}`));
    // `echo`: sends the same arguments back as an `echo` event, and acknowledges with them as one
    // array (the client's emitWithAck resolves with the first acknowledgement argument only).
    socket.on('echo', (...args: unknown[]) => {
      const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (a: unknown) => void) : undefined;
      socket.emit('echo', ...args);
      ack?.(args);
    });
  });

  await new Promise<void>((done, fail) => {
    http.once('error', fail);
    http.listen(0, host, () => {
      http.off('error', fail);
      done();
    });
  });
  const port = (http.address() as AddressInfo).port;

  const destroyAll = (): number => {
    const n = tcp.size;
    for (const socket of tcp) socket.destroy();
    tcp.clear();
    return n;
  };

  let closing: Promise<void> | undefined;
  return {
    io,
    port,
    origin: `http://${host}:${port}`,
    log,
    connectedCount: () => io.of('/').sockets.size,
    transports: () => [...io.of('/').sockets.values()].map((s) => s.conn.transport.name),
    disconnectAll: () => {
      io.disconnectSockets(true);
    },
    dropNetwork: destroyAll,
    close: () =>
      (closing ??= (async () => {
        destroyAll();
        http.closeAllConnections();
        // io.close() also closes the http server and resolves once it has stopped listening.
        await io.close();
      })()),
  };
}

export interface LatencyProxy {
  readonly port: number;
  /** `ws://127.0.0.1:<port>`: use in place of the target's ws origin. */
  readonly wsOrigin: string;
  close(): Promise<void>;
}

/**
 * Forwards every TCP connection to `target` on 127.0.0.1, holding each chunk `delayMs` in each
 * direction (so a round trip costs 2 × delayMs). Order is kept: same delay, FIFO timers.
 * An end (FIN) or a reset on one side reaches the other side after the same delay.
 */
export async function startLatencyProxy(targetPort: number, delayMs: number): Promise<LatencyProxy> {
  const host = '127.0.0.1';
  const live = new Set<TcpSocket>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (work: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      work();
    }, delayMs);
    timers.add(timer);
  };
  const pipeSlowly = (from: TcpSocket, to: TcpSocket): void => {
    from.on('data', (chunk: Buffer) => later(() => to.destroyed || to.write(chunk)));
    // A FIN travels like data; a reset (closed without FIN, or an error) destroys the other side.
    from.on('end', () => later(() => to.destroyed || to.end()));
    from.on('error', () => undefined); // 'close' follows with hadError
    from.on('close', (hadError: boolean) => {
      if (hadError || !from.readableEnded) later(() => to.destroy());
    });
  };
  // allowHalfOpen: a FIN from one side must not end the other direction before its delayed data.
  const server = createTcpServer({ allowHalfOpen: true }, (client) => {
    const upstream = tcpConnect({ port: targetPort, host, allowHalfOpen: true });
    for (const s of [client, upstream]) {
      live.add(s);
      s.once('close', () => live.delete(s));
    }
    pipeSlowly(client, upstream);
    pipeSlowly(upstream, client);
  });
  await new Promise<void>((done) => server.listen(0, host, done));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    wsOrigin: `ws://${host}:${port}`,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of live) s.destroy();
      live.clear();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
