import type { HookEvent } from '../../core/events';
import { Session } from '../../core/session';

/**
 * A realistic recorded session for unit tests, built the way the panel builds one: documents
 * reported by relays and hook events reduced by the core's Session.
 */
export const T0 = 1_700_000_000_000;
export const TOP = 'doc-top';
export const FRAME = 'doc-frame';
const STACK = (fn: string, line: number): string =>
  `Error\n    at ${fn} (http://127.0.0.1:8080/app.js:${line}:13)\n    at main (http://127.0.0.1:8080/app.js:90:3)`;

type WithoutSeq<E> = E extends HookEvent ? Omit<E, 'seq'> : never;

export class EventScript {
  #seq = 0;
  readonly events: HookEvent[] = [];

  push(e: WithoutSeq<HookEvent>): this {
    this.events.push({ ...e, seq: ++this.#seq } as HookEvent);
    return this;
  }

  created(socket: number, at: number, url: string, stack = STACK('connect', 10 + socket), protocols: string[] = []): this {
    return this.push({ type: 'created', socket, at, url, protocols, stack });
  }
  open(socket: number, at: number, protocol = ''): this {
    return this.push({ type: 'open', socket, at, protocol, extensions: '' });
  }
  listen(socket: number, at: number, event: string, listener = 1, via: 'addEventListener' | 'property' = 'addEventListener'): this {
    return this.push({
      type: 'listener', socket, at, op: 'add', event, listener, capture: false, once: false, via, stack: STACK('subscribe', 20),
    });
  }
  unlisten(socket: number, at: number, event: string, listener = 1): this {
    return this.push({
      type: 'listener', socket, at, op: 'remove', event, listener, capture: false, once: false,
      via: 'removeEventListener', stack: STACK('unsubscribe', 30),
    });
  }
  frame(socket: number, at: number, dir: 'in' | 'out', preview: string, data: 'text' | 'binary' = 'text', truncated = false): this {
    const size = data === 'binary' ? preview.length / 2 : new TextEncoder().encode(preview).length;
    return this.push({ type: 'frame', socket, at, dir, size, data, preview, truncated });
  }
  traffic(socket: number, at: number, inCount: number, inBytes: number, outCount: number, outBytes: number): this {
    return this.push({ type: 'traffic', socket, at, inCount, inBytes, outCount, outBytes });
  }
  closeCall(socket: number, at: number, code: number | null, reason: string | null, error: { name: string; message: string } | null = null): this {
    return this.push({ type: 'close-call', socket, at, code, reason, readyState: 1, stack: STACK('disconnect', 40), error });
  }
  error(socket: number, at: number): this {
    return this.push({ type: 'error', socket, at });
  }
  closed(socket: number, at: number, code: number, reason = '', wasClean = code !== 1006): this {
    return this.push({ type: 'closed', socket, at, code, reason, wasClean });
  }
}

/** Top page with four sockets, an iframe with one. */
export function scenarioSession(): Session {
  const session = new Session();
  session.addDocument({ docId: TOP, frameId: 0, url: 'http://127.0.0.1:8080/app.html', isTop: true, timeOrigin: T0 });
  session.addDocument({ docId: FRAME, frameId: 3, url: 'http://127.0.0.1:8080/widget.html', isTop: false, timeOrigin: T0 + 5 });
  const top = new EventScript()
    // 1: live feed, JSON traffic
    .created(1, T0 + 10, 'ws://127.0.0.1:8080/feed?room=7', undefined, ['chat.v1'])
    .listen(1, T0 + 11, 'message')
    .listen(1, T0 + 11, 'close', 2)
    .open(1, T0 + 40, 'chat.v1')
    .frame(1, T0 + 50, 'out', '{"type":"hello","user":"ada"}')
    .frame(1, T0 + 60, 'in', '{"type":"welcome","users":["ada","bob"],"count":2}')
    .frame(1, T0 + 70, 'in', 'plain text')
    .frame(1, T0 + 80, 'out', '000102ff41', 'binary')
    .traffic(1, T0 + 80, 2, 60, 2, 35)
    // 2: closed by server 4001
    .created(2, T0 + 20, 'ws://127.0.0.1:8080/session')
    .listen(2, T0 + 21, 'message')
    .open(2, T0 + 30)
    .unlisten(2, T0 + 300, 'message')
    .closed(2, T0 + 310, 4001, 'session expired')
    // 3: network drop, listeners left
    .created(3, T0 + 25, 'ws://127.0.0.1:8080/drop')
    .listen(3, T0 + 26, 'message')
    .open(3, T0 + 35)
    .error(3, T0 + 400)
    .closed(3, T0 + 401, 1006)
    // 4: closed by the page, clean
    .created(4, T0 + 100, 'wss://api.example.com/v2/stream')
    .open(4, T0 + 150)
    .closeCall(4, T0 + 500, 1000, 'done')
    .closed(4, T0 + 520, 1000, 'done');
  session.apply(TOP, top.events);
  const frame = new EventScript().created(1, T0 + 200, 'ws://127.0.0.1:8080/widget').open(1, T0 + 210);
  session.apply(FRAME, frame.events);
  return session;
}
