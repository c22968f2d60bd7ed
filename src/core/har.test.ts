import { describe, expect, it } from 'vitest';
import type { HookEvent } from './events';
import { harMessage, queryString, toHar } from './har';
import { Session } from './session';

const T0 = 1_700_000_000_000;

function recorded(): Session {
  const s = new Session();
  s.addDocument({ docId: 'top', frameId: 0, url: 'http://a.test/', isTop: true, timeOrigin: T0 });
  s.addDocument({ docId: 'frame', frameId: 2, url: 'http://b.test/w', isTop: false, timeOrigin: T0 + 1 });
  let seq = 0;
  const ev = (e: Record<string, unknown>): HookEvent => ({ seq: ++seq, ...e }) as unknown as HookEvent;
  s.apply('top', [
    ev({ type: 'created', socket: 1, at: T0 + 10, url: 'ws://a.test/feed?room=7&q=a%20b', protocols: ['v1', 'v2'], stack: '' }),
    ev({ type: 'open', socket: 1, at: T0 + 35, protocol: 'v1', extensions: 'permessage-deflate' }),
    ev({ type: 'frame', socket: 1, at: T0 + 40, dir: 'out', size: 7, data: 'text', preview: '{"a":1}', truncated: false }),
    ev({ type: 'frame', socket: 1, at: T0 + 41, dir: 'in', size: 4, data: 'binary', preview: '000102ff', truncated: false }),
    ev({ type: 'frame', socket: 1, at: T0 + 42, dir: 'in', size: 10, data: 'blob', preview: '', truncated: false }),
    ev({ type: 'closed', socket: 1, at: T0 + 60, code: 4001, reason: 'bye', wasClean: true }),
  ]);
  seq = 0;
  s.apply('frame', [ev({ type: 'created', socket: 1, at: T0 + 5, url: 'wss://b.test/x', protocols: [], stack: '' })]);
  return s;
}

describe('toHar', () => {
  const s = recorded();
  const har = toHar({
    documents: s.documents.values(),
    sockets: s.sockets.values(),
    flags: new Map([['frame/1', [{ kind: 'abandoned' as const }]]]),
    creator: { name: 'WSLI', version: '1' },
  });

  it('is a HAR 1.2 log with one page per top-level document and one entry per socket, by start time', () => {
    expect(har.log.version).toBe('1.2');
    expect(har.log.pages).toEqual([{ startedDateTime: new Date(T0).toISOString(), id: 'top', title: 'http://a.test/', pageTimings: {} }]);
    expect(har.log.entries.map((e) => e.request.url)).toEqual(['wss://b.test/x', 'ws://a.test/feed?room=7&q=a%20b']);
    for (const e of har.log.entries) {
      expect(e._resourceType).toBe('websocket');
      expect(e.pageref).toBe('top');
    }
  });

  it('describes the handshake like Chrome: GET, 101 Switching Protocols, wait = time to open', () => {
    const e = har.log.entries[1]!;
    expect(e.startedDateTime).toBe(new Date(T0 + 10).toISOString());
    expect(e.request.method).toBe('GET');
    expect(e.request.queryString).toEqual([
      { name: 'room', value: '7' },
      { name: 'q', value: 'a b' },
    ]);
    expect(e.request.headers).toContainEqual({ name: 'Sec-WebSocket-Protocol', value: 'v1, v2' });
    expect(e.response).toMatchObject({ status: 101, statusText: 'Switching Protocols' });
    expect(e.response.headers).toContainEqual({ name: 'Sec-WebSocket-Extensions', value: 'permessage-deflate' });
    expect(e.timings.wait).toBe(25);
    expect(e.time).toBe(25);
    expect(har.log.entries[0]!.response.status).toBe(0); // never opened
  });

  it("writes _webSocketMessages as Chrome does: send/receive, epoch seconds, opcode, base64 binary", () => {
    expect(har.log.entries[1]!._webSocketMessages).toEqual([
      { type: 'send', time: (T0 + 40) / 1000, opcode: 1, data: '{"a":1}' },
      { type: 'receive', time: (T0 + 41) / 1000, opcode: 2, data: 'AAEC/w==' },
      { type: 'receive', time: (T0 + 42) / 1000, opcode: 2, data: '' },
    ]);
  });

  it('keeps what HAR has no field for in _wsli', () => {
    expect(har.log.entries[1]!._wsli).toMatchObject({
      socket: 'top/1',
      frameUrl: null,
      state: 'closed',
      close: { code: 4001, name: '4001 application (4000–4999)', reason: 'bye', wasClean: true },
      initiator: 'server',
      flags: [],
    });
    expect(har.log.entries[0]!._wsli).toMatchObject({ frameUrl: 'http://b.test/w', flags: ['abandoned'] });
  });
});

describe('helpers', () => {
  it('parses query strings without a URL class, tolerating bad escapes', () => {
    expect(queryString('ws://x/?a=1&b&c=%E2%82%AC&d=%zz#frag')).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: '' },
      { name: 'c', value: '€' },
      { name: 'd', value: '%zz' },
    ]);
    expect(queryString('ws://x/path')).toEqual([]);
  });

  it('maps a frame to a message', () => {
    expect(harMessage({ seq: 1, at: 1500, dir: 'out', size: 1, data: 'text', preview: 'x', truncated: false })).toEqual({
      type: 'send',
      time: 1.5,
      opcode: 1,
      data: 'x',
    });
  });
});
