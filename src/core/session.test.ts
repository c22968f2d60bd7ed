import { describe, expect, it } from 'vitest';
import type {
  CloseCallEvent,
  ClosedEvent,
  CreatedEvent,
  FrameEvent,
  HookEvent,
  ListenerEvent,
  TrafficEvent,
} from './events';
import type { SocketRecord } from './model';
import { closeInitiator, DEFAULT_LIMITS, Session, type NewDocument } from './session';

// ── builders: one per document, seq strictly increasing like the hook's ────────────────────

class Hook {
  seq = 0;

  created(socket = 1, at = 0, over: Partial<CreatedEvent> = {}): CreatedEvent {
    return {
      type: 'created',
      seq: ++this.seq,
      at,
      socket,
      url: 'ws://127.0.0.1:8080/feed',
      protocols: ['v1'],
      stack: `create-${socket}`,
      ...over,
    };
  }

  open(socket = 1, at = 10): HookEvent {
    return { type: 'open', seq: ++this.seq, at, socket, protocol: 'v1', extensions: 'permessage-deflate' };
  }

  listener(op: 'add' | 'remove', at: number, over: Partial<ListenerEvent> = {}): ListenerEvent {
    return {
      type: 'listener',
      seq: ++this.seq,
      at,
      socket: 1,
      op,
      event: 'message',
      listener: 1,
      capture: false,
      once: false,
      via: op === 'add' ? 'addEventListener' : 'removeEventListener',
      stack: `${op}-${at}`,
      ...over,
    };
  }

  closeCall(at: number, over: Partial<CloseCallEvent> = {}): CloseCallEvent {
    return {
      type: 'close-call',
      seq: ++this.seq,
      at,
      socket: 1,
      code: 1000,
      reason: null,
      readyState: 1,
      stack: `close-${at}`,
      error: null,
      ...over,
    };
  }

  closed(at: number, code = 1000, over: Partial<ClosedEvent> = {}): ClosedEvent {
    return { type: 'closed', seq: ++this.seq, at, socket: 1, code, reason: '', wasClean: code !== 1006, ...over };
  }

  error(at: number, socket = 1): HookEvent {
    return { type: 'error', seq: ++this.seq, at, socket };
  }

  frame(at: number, over: Partial<FrameEvent> = {}): FrameEvent {
    return {
      type: 'frame',
      seq: ++this.seq,
      at,
      socket: 1,
      dir: 'in',
      size: 5,
      data: 'text',
      preview: 'hello',
      truncated: false,
      ...over,
    };
  }

  traffic(at: number, totals: [number, number, number, number], socket = 1): TrafficEvent {
    const [inCount, inBytes, outCount, outBytes] = totals;
    return { type: 'traffic', seq: ++this.seq, at, socket, inCount, inBytes, outCount, outBytes };
  }

  pagehide(at: number, persisted = false): HookEvent {
    return { type: 'pagehide', seq: ++this.seq, at, persisted };
  }

  binaryType(at: number, value: string): HookEvent {
    return { type: 'binary-type', seq: ++this.seq, at, socket: 1, value };
  }

  sendRejected(at: number): HookEvent {
    return { type: 'send-rejected', seq: ++this.seq, at, socket: 1, error: { name: 'InvalidStateError', message: 'CONNECTING' } };
  }
}

const doc = (docId: string, timeOrigin: number, isTop = true, frameId = isTop ? 0 : 1): NewDocument => ({
  docId,
  frameId,
  url: `https://example.test/${docId}`,
  isTop,
  timeOrigin,
});

const socket = (session: Session, key = 'd/1'): SocketRecord => {
  const s = session.sockets.get(key);
  if (!s) throw new Error(`no socket ${key}`);
  return s;
};

/** Everything the panel shows, without the memo counters. */
const data = (session: Session): unknown => ({
  documents: structuredClone([...session.documents.entries()]),
  sockets: [...session.sockets.entries()].map(([k, s]) => [k, { ...structuredClone(s), version: 0 }]),
  orphanEvents: session.orphanEvents,
});

// ── creation and lifecycle ─────────────────────────────────────────────────────────────────

describe('Session: a created event', () => {
  it('creates a connecting socket record keyed by document and socket id', () => {
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(7, 1234)]);
    expect(session.sockets.get('d/7')).toEqual({
      key: 'd/7',
      docId: 'd',
      id: 7,
      url: 'ws://127.0.0.1:8080/feed',
      protocols: ['v1'],
      createdAt: 1234,
      createStack: 'create-7',
      state: 'connecting',
      openedAt: null,
      protocol: '',
      extensions: '',
      binaryType: 'blob',
      closeCalls: [],
      closed: null,
      errors: [],
      sendRejections: [],
      initiator: null,
      listeners: [],
      traffic: { inCount: 0, inBytes: 0, outCount: 0, outBytes: 0 },
      lastActivityAt: null,
      frames: [],
      framesEvicted: 0,
      goneAt: null,
      version: 0,
    });
  });

  it('keeps sockets of different documents with the same id apart', () => {
    const session = new Session();
    session.apply('a', [new Hook().created(1)]);
    session.apply('b', [new Hook().created(1, 0, { url: 'ws://other/' })]);
    expect(socket(session, 'a/1').url).toBe('ws://127.0.0.1:8080/feed');
    expect(socket(session, 'b/1').url).toBe('ws://other/');
  });

  it('ignores a second created event for a socket it already knows', () => {
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(1, 0), h.open(1, 10), h.created(1, 50, { url: 'ws://changed/' })]);
    expect(socket(session)).toMatchObject({ url: 'ws://127.0.0.1:8080/feed', state: 'open', createdAt: 0 });
  });
});

describe('Session: socket events', () => {
  it('opens a connecting socket with its protocol and extensions', () => {
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(), h.open(1, 25)]);
    expect(socket(session)).toMatchObject({
      state: 'open',
      openedAt: 25,
      lastActivityAt: 25,
      protocol: 'v1',
      extensions: 'permessage-deflate',
    });
  });

  it('does not reopen a socket that is already closing', () => {
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(), h.closeCall(5, { readyState: 0 }), h.open(1, 25)]);
    expect(socket(session).state).toBe('closing');
  });

  it('records binaryType changes', () => {
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(), h.binaryType(3, 'arraybuffer')]);
    expect(socket(session).binaryType).toBe('arraybuffer');
  });

  it('records rejected sends with their error', () => {
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(), h.sendRejected(4)]);
    expect(socket(session).sendRejections).toEqual([{ at: 4, error: { name: 'InvalidStateError', message: 'CONNECTING' } }]);
  });

  it('records the time of every error event', () => {
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(), h.error(7), h.error(9)]);
    expect(socket(session).errors).toEqual([7, 9]);
  });

  it('bumps the socket’s version on every applied event', () => {
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(), h.open(), h.error(11)]);
    expect(socket(session).version).toBe(2);
  });
});

describe('Session: close() calls', () => {
  it('records the call and moves an open socket to closing', () => {
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(), h.open(), h.closeCall(30, { code: 4000, reason: 'bye' })]);
    const s = socket(session);
    expect(s.state).toBe('closing');
    expect(s.closeCalls).toEqual([
      { at: 30, code: 4000, reason: 'bye', readyState: 1, stack: 'close-30', error: null },
    ]);
  });

  it('moves a connecting socket to closing', () => {
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(), h.closeCall(5, { readyState: 0 })]);
    expect(socket(session).state).toBe('closing');
  });

  it('leaves the socket as it was when close() threw', () => {
    const session = new Session();
    const h = new Hook();
    const error = { name: 'InvalidAccessError', message: 'bad code' };
    session.apply('d', [h.created(), h.open(), h.closeCall(30, { code: 1001, error })]);
    expect(socket(session).state).toBe('open');
    expect(socket(session).closeCalls).toHaveLength(1);
    expect(socket(session).closeCalls[0]?.error).toEqual(error);
  });

  it('records a close() on a closed socket without changing its state', () => {
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(), h.open(), h.closed(20), h.closeCall(30, { readyState: 3 })]);
    expect(socket(session).state).toBe('closed');
    expect(socket(session).closeCalls).toHaveLength(1);
  });
});

describe('Session: who closed the socket', () => {
  const run = (events: (h: Hook) => HookEvent[]): SocketRecord => {
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(), h.open(), ...events(h)]);
    return socket(session);
  };

  it('is the page when its close() took effect while open', () => {
    const s = run((h) => [h.closeCall(20, { readyState: 1 }), h.closed(30, 1000)]);
    expect(s.initiator).toBe('page');
    expect(s.state).toBe('closed');
    expect(s.closed).toEqual({ at: 30, code: 1000, reason: '', wasClean: true });
  });

  it('is the page when close() was called while connecting, even though that ends in 1006', () => {
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(), h.closeCall(5, { readyState: 0 }), h.error(6), h.closed(6, 1006)]);
    expect(socket(session).initiator).toBe('page');
  });

  it('is the page when close() took effect and the network then dropped', () => {
    expect(run((h) => [h.closeCall(20), h.closed(30, 1006)]).initiator).toBe('page');
  });

  it('is the server when a close frame arrived without any close() call', () => {
    expect(run((h) => [h.closed(30, 1000)]).initiator).toBe('server');
    expect(run((h) => [h.closed(30, 4001, { reason: 'kicked' })]).initiator).toBe('server');
  });

  it('is the server when the page called close() while already CLOSING (answering the server)', () => {
    expect(run((h) => [h.closeCall(20, { readyState: 2 }), h.closed(30, 1000)]).initiator).toBe('server');
  });

  it('is the network for 1006 without any close() call', () => {
    expect(run((h) => [h.error(25), h.closed(30, 1006)]).initiator).toBe('network');
  });

  it('ignores a close() that threw', () => {
    const error = { name: 'InvalidAccessError', message: 'bad code' };
    expect(run((h) => [h.closeCall(20, { code: 1001, error }), h.closed(30, 1006)]).initiator).toBe('network');
    expect(run((h) => [h.closeCall(20, { code: 1001, error }), h.closed(30, 1000)]).initiator).toBe('server');
  });

  it('is unload when the page went away while the socket was open, even if a close event follows', () => {
    const s = run((h) => [h.pagehide(40), h.closed(41, 1001)]);
    expect(s.initiator).toBe('unload');
    expect(s.goneAt).toBe(40);
    expect(s.closed?.code).toBe(1001);
  });

  it('is the page when its close() took effect before the page went away, even if a close event follows', () => {
    // Via pagehide: socket 1 was closed by the page, socket 2 was not.
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(1), h.open(1), h.closeCall(20, { readyState: 1 }), h.created(2), h.open(2), h.pagehide(40)]);
    expect(socket(session, 'd/1')).toMatchObject({ state: 'closed', goneAt: 40, initiator: 'page' });
    expect(socket(session, 'd/2')).toMatchObject({ state: 'closed', goneAt: 40, initiator: 'unload' });
    session.apply('d', [h.closed(41, 1001), { ...h.closed(42, 1001), socket: 2 }]);
    expect(socket(session, 'd/1')).toMatchObject({ initiator: 'page', closed: { at: 41, code: 1001 } });
    expect(socket(session, 'd/2')).toMatchObject({ initiator: 'unload', closed: { at: 42, code: 1001 } });

    // Via documentGone, with close() made while still connecting.
    const gone = new Session();
    gone.addDocument(doc('d', 100));
    const g = new Hook();
    gone.apply('d', [g.created(1), g.closeCall(5, { readyState: 0 }), g.created(2)]);
    gone.documentGone('d', 50);
    expect(socket(gone, 'd/1')).toMatchObject({ goneAt: 50, initiator: 'page' });
    expect(socket(gone, 'd/2')).toMatchObject({ goneAt: 50, initiator: 'unload' });
    gone.apply('d', [g.closed(60, 1006)]);
    expect(socket(gone, 'd/1').initiator).toBe('page');
  });
});

describe('closeInitiator', () => {
  const base = (): SocketRecord => {
    const session = new Session();
    session.apply('d', [new Hook().created()]);
    return socket(session);
  };
  const withCall = (readyState: 0 | 1 | 2 | 3, error: { name: string; message: string } | null = null): SocketRecord => {
    const s = base();
    s.closeCalls.push({ at: 1, code: 1000, reason: null, readyState, stack: '', error });
    return s;
  };

  it.each([0, 1] as const)('says page for an accepted close() at readyState %d, whatever the code', (rs) => {
    expect(closeInitiator(withCall(rs), 1000)).toBe('page');
    expect(closeInitiator(withCall(rs), 1006)).toBe('page');
  });

  it.each([2, 3] as const)('does not say page for a close() at readyState %d', (rs) => {
    expect(closeInitiator(withCall(rs), 1000)).toBe('server');
    expect(closeInitiator(withCall(rs), 1006)).toBe('network');
  });

  it('says network for 1006 and server for any other code without a call', () => {
    expect(closeInitiator(base(), 1006)).toBe('network');
    expect(closeInitiator(base(), 1005)).toBe('server');
    expect(closeInitiator(base(), 1001)).toBe('server');
  });

  it('does not count a call that threw', () => {
    expect(closeInitiator(withCall(1, { name: 'SyntaxError', message: 'long' }), 1000)).toBe('server');
  });
});

// ── documents going away ───────────────────────────────────────────────────────────────────

describe('Session.documentGone', () => {
  const setup = (): { session: Session; h: Hook } => {
    const session = new Session();
    session.addDocument(doc('d', 100));
    const h = new Hook();
    session.apply('d', [
      h.created(1, 0),
      h.created(2, 0),
      h.open(2),
      h.created(3, 0),
      h.open(3),
      { ...h.closeCall(20), socket: 3 },
      h.created(4, 0),
      h.open(4),
      { ...h.closed(20, 1000), socket: 4 },
    ]);
    return { session, h };
  };

  it('marks connecting and open sockets closed by unload at that time', () => {
    const { session } = setup();
    session.documentGone('d', 500);
    for (const key of ['d/1', 'd/2']) {
      expect(socket(session, key), key).toMatchObject({ state: 'closed', goneAt: 500, initiator: 'unload' });
    }
  });

  it('keeps the page as initiator of a socket it was already closing when the document went away', () => {
    const { session } = setup();
    session.documentGone('d', 500);
    expect(socket(session, 'd/3')).toMatchObject({ state: 'closed', goneAt: 500, initiator: 'page' });
  });

  it('leaves sockets that had already closed as they were', () => {
    const { session } = setup();
    const before = structuredClone(socket(session, 'd/4'));
    session.documentGone('d', 500);
    expect(socket(session, 'd/4')).toEqual(before);
    expect(socket(session, 'd/4')).toMatchObject({ goneAt: null, initiator: 'server' });
  });

  it('marks the document gone, once: a later report keeps the first time', () => {
    const { session } = setup();
    session.documentGone('d', 500);
    const version = session.version;
    session.documentGone('d', 900);
    expect(session.documents.get('d')?.goneAt).toBe(500);
    expect(socket(session, 'd/1').goneAt).toBe(500);
    expect(session.version).toBe(version);
  });

  it('leaves the sockets of other documents alone', () => {
    const { session } = setup();
    session.addDocument(doc('frame', 200, false));
    session.apply('frame', [new Hook().created(1, 210)]);
    session.documentGone('frame', 500);
    expect(socket(session, 'frame/1').state).toBe('closed');
    expect(socket(session, 'd/1').state).toBe('connecting');
  });

  it('ignores an unknown document', () => {
    const { session } = setup();
    const version = session.version;
    session.documentGone('nope', 500);
    expect(session.version).toBe(version);
    expect(socket(session, 'd/1').state).toBe('connecting');
  });

  it('bumps versions when it marks sockets', () => {
    const { session } = setup();
    const version = session.version;
    const socketVersion = socket(session, 'd/2').version;
    session.documentGone('d', 500);
    expect(session.version).toBe(version + 1);
    expect(socket(session, 'd/2').version).toBe(socketVersion + 1);
  });
});

describe('Session: a pagehide event', () => {
  it('marks the document’s live sockets closed by unload at the pagehide time', () => {
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(1), h.open(1), h.created(2), h.pagehide(300, true)]);
    expect(socket(session, 'd/1')).toMatchObject({ state: 'closed', goneAt: 300, initiator: 'unload' });
    expect(socket(session, 'd/2')).toMatchObject({ state: 'closed', goneAt: 300, initiator: 'unload' });
  });

  it('leaves closed sockets and other documents’ sockets alone', () => {
    const session = new Session();
    const h = new Hook();
    session.apply('other', [new Hook().created(1)]);
    session.apply('d', [h.created(1), h.open(1), h.closed(50, 1000), h.pagehide(300)]);
    expect(socket(session, 'd/1')).toMatchObject({ goneAt: null, initiator: 'server' });
    expect(socket(session, 'other/1')).toMatchObject({ state: 'connecting', goneAt: null });
  });

  it('is not an orphan event', () => {
    const session = new Session();
    session.apply('d', [new Hook().pagehide(1)]);
    expect(session.orphanEvents).toBe(0);
  });
});

// ── traffic and frames ─────────────────────────────────────────────────────────────────────

describe('Session: traffic totals', () => {
  it('takes the absolute totals', () => {
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(), h.open(), h.traffic(50, [3, 30, 2, 20])]);
    expect(socket(session).traffic).toEqual({ inCount: 3, inBytes: 30, outCount: 2, outBytes: 20 });
    expect(socket(session).lastActivityAt).toBe(50);
  });

  it('never goes back: each total is the largest seen', () => {
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(), h.open(), h.traffic(50, [3, 30, 2, 20]), h.traffic(60, [1, 40, 5, 10])]);
    expect(socket(session).traffic).toEqual({ inCount: 3, inBytes: 40, outCount: 5, outBytes: 20 });
  });

  it('counts as activity only when a total grew', () => {
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(), h.open(1, 10), h.traffic(50, [3, 30, 2, 20]), h.traffic(90, [3, 30, 2, 20])]);
    expect(socket(session).lastActivityAt).toBe(50);
  });

  it.each([
    ['inCount', [1, 0, 0, 0]],
    ['inBytes', [0, 1, 0, 0]],
    ['outCount', [0, 0, 1, 0]],
    ['outBytes', [0, 0, 0, 1]],
  ] as const)('counts growth of %s alone as activity', (_name, totals) => {
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(), h.open(1, 10), h.traffic(50, [...totals])]);
    expect(socket(session).lastActivityAt).toBe(50);
  });

  it('does not move activity back in time for late totals', () => {
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(), h.open(1, 10), h.frame(80), h.traffic(50, [1, 5, 0, 0])]);
    expect(socket(session).lastActivityAt).toBe(80);
  });

  it('applies totals again on replay without changing them', () => {
    const session = new Session();
    const h = new Hook();
    const t = h.traffic(50, [3, 30, 2, 20]);
    session.apply('d', [h.created(), h.open(), t]);
    session.apply('d', [t]);
    expect(socket(session).traffic).toEqual({ inCount: 3, inBytes: 30, outCount: 2, outBytes: 20 });
  });
});

describe('Session: frames', () => {
  it('keeps the preview of a frame and counts it as activity', () => {
    const session = new Session();
    const h = new Hook();
    const start = [h.created(), h.open(1, 10)];
    const f = h.frame(40, { dir: 'out', size: 3, data: 'binary', preview: '0a0b0c', truncated: true });
    session.apply('d', [...start, f]);
    expect(socket(session).frames).toEqual([
      { seq: f.seq, at: 40, dir: 'out', size: 3, data: 'binary', preview: '0a0b0c', truncated: true },
    ]);
    expect(socket(session).lastActivityAt).toBe(40);
  });

  it('keeps exactly the limit without evicting', () => {
    const session = new Session({ framesPerSocket: 3 });
    const h = new Hook();
    session.apply('d', [h.created(), h.frame(1), h.frame(2), h.frame(3)]);
    expect(socket(session).frames.map((f) => f.at)).toEqual([1, 2, 3]);
    expect(socket(session).framesEvicted).toBe(0);
  });

  it('evicts the oldest frames beyond the limit and counts them', () => {
    const session = new Session({ framesPerSocket: 3 });
    const h = new Hook();
    session.apply('d', [h.created(), h.frame(1), h.frame(2), h.frame(3), h.frame(4), h.frame(5)]);
    expect(socket(session).frames.map((f) => f.at)).toEqual([3, 4, 5]);
    expect(socket(session).framesEvicted).toBe(2);
  });

  it('holds the limit after every batch, counting evictions across batches', () => {
    const session = new Session({ framesPerSocket: 3 });
    const h = new Hook();
    session.apply('d', [h.created(), h.frame(1), h.frame(2)]);
    session.apply('d', [h.frame(3), h.frame(4)]);
    expect(socket(session).frames.map((f) => f.at)).toEqual([2, 3, 4]);
    session.apply('d', [h.frame(5), h.frame(6), h.frame(7), h.frame(8)]);
    expect(socket(session).frames.map((f) => f.at)).toEqual([6, 7, 8]);
    expect(socket(session).framesEvicted).toBe(5);
  });

  it('keeps the limit per socket', () => {
    const session = new Session({ framesPerSocket: 1 });
    const h = new Hook();
    session.apply('d', [h.created(1), h.created(2), h.frame(1), { ...h.frame(2), socket: 2 }]);
    expect(socket(session, 'd/1').framesEvicted).toBe(0);
    expect(socket(session, 'd/2').framesEvicted).toBe(0);
  });

  it('keeps 5000 frames per socket by default', () => {
    expect(DEFAULT_LIMITS.framesPerSocket).toBe(5000);
    const session = new Session();
    const h = new Hook();
    const created = h.created();
    const frames = Array.from({ length: 5001 }, (_, i) => h.frame(i));
    session.apply('d', [created, ...frames]);
    expect(socket(session).frames).toHaveLength(5000);
    expect(socket(session).framesEvicted).toBe(1);
    expect(socket(session).frames[0]?.at).toBe(1);
  });
});

// ── replays, seq and orphans ───────────────────────────────────────────────────────────────

describe('Session: replays', () => {
  const history = (): HookEvent[] => {
    const h = new Hook();
    return [
      h.created(1, 0),
      h.open(1, 10),
      h.listener('add', 11),
      h.listener('add', 12, { event: 'close', listener: 2 }),
      h.frame(20),
      h.traffic(21, [1, 5, 0, 0]),
      h.error(30),
      h.closeCall(40),
      h.listener('remove', 41),
      h.closed(50, 1000),
      h.created(2, 60),
      h.frame(61, { socket: 2 }),
      { ...h.closeCall(62, { code: 1, error: { name: 'InvalidAccessError', message: 'x' } }), socket: 2 },
      h.error(63, 99),
      h.pagehide(70),
    ];
  };

  it('applying the same events twice gives an identical model', () => {
    const once = new Session({ framesPerSocket: 1 });
    once.addDocument(doc('d', 1));
    once.apply('d', history());
    const twice = new Session({ framesPerSocket: 1 });
    twice.addDocument(doc('d', 1));
    twice.apply('d', history());
    twice.apply('d', history());
    expect(data(twice)).toEqual(data(once));
  });

  it('replaying lifecycle events changes not even the sockets’ versions', () => {
    const session = new Session();
    const events = history().filter((e) => e.type !== 'traffic');
    session.apply('d', events);
    const before = structuredClone([...session.sockets.values()]);
    session.apply('d', events);
    expect([...session.sockets.values()]).toEqual(before);
  });

  it('applies only the new tail of an overlapping batch', () => {
    const all = history();
    const whole = new Session();
    whole.apply('d', all);
    const parts = new Session();
    parts.apply('d', all.slice(0, 8));
    parts.apply('d', all.slice(4));
    expect(data(parts)).toEqual(data(whole));
  });

  it('skips an event whose seq is not above the last applied, even within a batch', () => {
    const session = new Session();
    const h = new Hook();
    const created = h.created();
    const err1 = h.error(5);
    const err2 = h.error(6);
    session.apply('d', [created, err2, err1]);
    expect(socket(session).errors).toEqual([6]);
  });

  it('a replay sending the lifecycle first and the older frames after builds the same model', () => {
    const all = history();
    const live = new Session();
    live.apply('d', all);
    const replayed = new Session();
    replayed.apply('d', all.filter((e) => e.type !== 'frame'));
    replayed.apply('d', all.filter((e) => e.type === 'frame'));
    expect(data(replayed)).toEqual(data(live));
  });

  it('skips frames already applied when a replay comes after the live stream', () => {
    const all = history();
    const session = new Session();
    session.apply('d', all);
    session.apply('d', all.filter((e) => e.type !== 'frame'));
    session.apply('d', all.filter((e) => e.type === 'frame'));
    expect(socket(session, 'd/1').frames).toHaveLength(1);
    expect(socket(session, 'd/2').frames).toHaveLength(1);
  });

  it('skips a frame whose seq is not above the last applied frame', () => {
    const session = new Session();
    const h = new Hook();
    const created = h.created();
    const early = h.frame(5);
    const late = h.frame(6);
    session.apply('d', [created, late, early]);
    expect(socket(session).frames.map((f) => f.at)).toEqual([6]);
  });

  it('tracks seq per document', () => {
    const session = new Session();
    session.apply('a', [new Hook().created(1)]);
    session.apply('b', [new Hook().created(1)]);
    expect(session.sockets.size).toBe(2);
  });
});

describe('Session: orphan events', () => {
  it('counts events for a socket whose creation it never saw, and applies nothing', () => {
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(1), { ...h.open(), socket: 2 } as HookEvent, h.error(5, 3)]);
    expect(session.orphanEvents).toBe(2);
    expect([...session.sockets.keys()]).toEqual(['d/1']);
  });

  it('counts an event for a socket of another document as an orphan', () => {
    const session = new Session();
    session.apply('a', [new Hook().created(1)]);
    const h = new Hook();
    h.seq = 10;
    session.apply('b', [h.error(5, 1)]);
    expect(session.orphanEvents).toBe(1);
    expect(socket(session, 'a/1').errors).toEqual([]);
  });

  it('does not count a replayed orphan twice', () => {
    const session = new Session();
    const e = new Hook().error(5, 9);
    session.apply('d', [e]);
    session.apply('d', [e]);
    expect(session.orphanEvents).toBe(1);
  });

  it('never counts re-sent traffic totals for an unknown socket as orphans, but counts other kinds', () => {
    const session = new Session();
    const h = new Hook();
    const totals = h.traffic(5, [1, 10, 0, 0], 9);
    session.apply('d', [totals]);
    session.apply('d', [totals]);
    expect(session.orphanEvents).toBe(0);
    session.apply('d', [h.error(6, 9)]);
    expect(session.orphanEvents).toBe(1);
    expect(session.sockets.size).toBe(0);
  });
});

describe('Session.clear', () => {
  it('forgets documents, sockets, orphans and applied seqs', () => {
    const session = new Session();
    session.addDocument(doc('d', 1));
    const events = [new Hook().created(1), new Hook().error(5, 9)];
    session.apply('d', events);
    const version = session.version;
    session.clear();
    expect(session.documents.size).toBe(0);
    expect(session.sockets.size).toBe(0);
    expect(session.orphanEvents).toBe(0);
    expect(session.version).toBe(version + 1);
    session.apply('d', [new Hook().created(1)]);
    expect(session.sockets.size).toBe(1);
  });
});

// ── documents and navigation ───────────────────────────────────────────────────────────────

describe('Session.addDocument', () => {
  it('records a document as present and current', () => {
    const session = new Session();
    session.addDocument(doc('d', 100));
    expect(session.documents.get('d')).toEqual({
      docId: 'd',
      frameId: 0,
      url: 'https://example.test/d',
      isTop: true,
      timeOrigin: 100,
      activatedAt: 100,
      goneAt: null,
      previous: false,
    });
    expect(session.version).toBe(1);
  });

  it('ignores a document it already knows (a relay replay)', () => {
    const session = new Session();
    session.addDocument(doc('d', 100));
    session.documentGone('d', 150);
    const version = session.version;
    session.addDocument({ ...doc('d', 100), url: 'https://changed/' });
    expect(session.documents.get('d')).toMatchObject({ url: 'https://example.test/d', goneAt: 150 });
    expect(session.version).toBe(version);
  });

  it('clears nothing when a frame document arrives', () => {
    const session = new Session();
    session.addDocument(doc('top', 100));
    session.apply('top', [new Hook().created(1)]);
    session.addDocument(doc('frame', 200, false));
    expect([...session.documents.keys()]).toEqual(['top', 'frame']);
    expect(session.sockets.has('top/1')).toBe(true);
    expect(session.documents.get('top')).toMatchObject({ previous: false, goneAt: null });
  });
});

describe('Session: a newer top-level document without preserve log', () => {
  const navigate = (): Session => {
    const session = new Session(DEFAULT_LIMITS, false);
    session.addDocument(doc('old', 100));
    session.addDocument(doc('oldFrame', 150, false));
    session.apply('old', [new Hook().created(1)]);
    session.apply('oldFrame', [new Hook().created(1)]);
    // An iframe of the new page reported before the new top document did.
    session.addDocument(doc('newFrame', 1050, false));
    session.apply('newFrame', [new Hook().created(1)]);
    session.addDocument(doc('new', 1000));
    return session;
  };

  it('forgets the older documents and their sockets', () => {
    const session = navigate();
    expect(session.documents.has('old')).toBe(false);
    expect(session.documents.has('oldFrame')).toBe(false);
    expect(session.sockets.has('old/1')).toBe(false);
    expect(session.sockets.has('oldFrame/1')).toBe(false);
  });

  it('keeps the new page’s iframes that arrived first, as current', () => {
    const session = navigate();
    expect(session.documents.get('newFrame')).toMatchObject({ previous: false, goneAt: null });
    expect(socket(session, 'newFrame/1').state).toBe('connecting');
    expect([...session.documents.keys()].sort()).toEqual(['new', 'newFrame']);
  });

  it('keeps a document with the same time origin', () => {
    const session = new Session();
    session.addDocument(doc('same', 1000, false));
    session.addDocument(doc('new', 1000));
    expect(session.documents.has('same')).toBe(true);
  });

  it('does not clear newer documents when an older top document arrives late', () => {
    const session = new Session();
    session.addDocument(doc('new', 1000));
    session.addDocument(doc('old', 100));
    expect(session.documents.has('new')).toBe(true);
    expect(session.documents.get('new')?.previous).toBe(false);
  });

  it('ignores late events of a forgotten document, but still applies the current one’s after clear()', () => {
    const session = new Session(DEFAULT_LIMITS, false);
    session.addDocument(doc('old', 100));
    const old = new Hook();
    const oldCreated = old.created(1, 100);
    session.apply('old', [oldCreated]);
    session.addDocument(doc('new', 1000));
    expect(session.sockets.size).toBe(0);

    // The old document's relay flushes late: a replay, a new socket and its opening.
    session.apply('old', [oldCreated, old.open(1, 110), old.created(2, 120), old.open(2, 130)]);
    expect(session.sockets.size).toBe(0);
    expect(session.documents.has('old')).toBe(false);

    session.clear();
    session.apply('new', [new Hook().created(1, 1100)]);
    expect([...session.sockets.keys()]).toEqual(['new/1']);
  });
});

describe('Session: a newer top-level document with preserve log', () => {
  const navigate = (): Session => {
    const session = new Session(DEFAULT_LIMITS, true);
    session.addDocument(doc('old', 100));
    session.addDocument(doc('oldFrame', 150, false));
    session.addDocument(doc('goneFrame', 160, false));
    const h = new Hook();
    session.apply('old', [h.created(1), h.open(1), h.created(2), h.open(2), { ...h.closed(300, 1000), socket: 2 }]);
    session.apply('goneFrame', [new Hook().created(1)]);
    session.documentGone('goneFrame', 400);
    session.addDocument(doc('newFrame', 1050, false));
    session.addDocument(doc('new', 1000));
    return session;
  };

  it('keeps the older documents, marked previous', () => {
    const session = navigate();
    expect([...session.documents.keys()].sort()).toEqual(['goneFrame', 'new', 'newFrame', 'old', 'oldFrame']);
    expect(session.documents.get('old')?.previous).toBe(true);
    expect(session.documents.get('oldFrame')?.previous).toBe(true);
    expect(session.documents.get('goneFrame')?.previous).toBe(true);
  });

  it('marks the older documents gone when the new one began, keeping earlier gone times', () => {
    const session = navigate();
    expect(session.documents.get('old')?.goneAt).toBe(1000);
    expect(session.documents.get('oldFrame')?.goneAt).toBe(1000);
    expect(session.documents.get('goneFrame')?.goneAt).toBe(400);
  });

  it('marks their live sockets closed by unload and leaves closed ones alone', () => {
    const session = navigate();
    expect(socket(session, 'old/1')).toMatchObject({ state: 'closed', goneAt: 1000, initiator: 'unload' });
    expect(socket(session, 'old/2')).toMatchObject({ goneAt: null, initiator: 'server' });
    expect(socket(session, 'goneFrame/1')).toMatchObject({ goneAt: 400, initiator: 'unload' });
  });

  it('does not mark the new page or its early iframes previous', () => {
    const session = navigate();
    expect(session.documents.get('new')).toMatchObject({ previous: false, goneAt: null });
    expect(session.documents.get('newFrame')).toMatchObject({ previous: false, goneAt: null });
  });

  it('follows the setting as it is when the document arrives', () => {
    const session = new Session(DEFAULT_LIMITS, true);
    session.addDocument(doc('a', 100));
    session.preserveLog = false;
    session.addDocument(doc('b', 200));
    expect(session.documents.has('a')).toBe(false);
  });
});

// ── listeners ──────────────────────────────────────────────────────────────────────────────

describe('Session: listeners', () => {
  const withSocket = (...events: ((h: Hook) => HookEvent)[]): SocketRecord => {
    const session = new Session();
    const h = new Hook();
    session.apply('d', [h.created(), h.open(), ...events.map((f) => f(h))]);
    return socket(session);
  };

  it('records an added listener as live', () => {
    const s = withSocket((h) => h.listener('add', 11, { capture: true, once: true, listener: 4, stack: 'here' }));
    expect(s.listeners).toEqual([
      {
        event: 'message',
        listener: 4,
        capture: true,
        once: true,
        via: 'addEventListener',
        addedAt: 11,
        addStack: 'here',
        removedAt: null,
        removedVia: null,
        removeStack: '',
      },
    ]);
  });

  it('removeEventListener closes the listener with the same type, callback and capture', () => {
    const s = withSocket(
      (h) => h.listener('add', 11),
      (h) => h.listener('remove', 20, { stack: 'rm' }),
    );
    expect(s.listeners[0]).toMatchObject({ removedAt: 20, removedVia: 'removeEventListener', removeStack: 'rm' });
  });

  it('removeEventListener with another capture, callback or type closes nothing', () => {
    const s = withSocket(
      (h) => h.listener('add', 11),
      (h) => h.listener('remove', 20, { capture: true }),
      (h) => h.listener('remove', 21, { listener: 2 }),
      (h) => h.listener('remove', 22, { event: 'close' }),
    );
    expect(s.listeners[0]?.removedAt).toBeNull();
  });

  it('removes only the listener whose capture matches', () => {
    const s = withSocket(
      (h) => h.listener('add', 11, { capture: false }),
      (h) => h.listener('add', 12, { capture: true }),
      (h) => h.listener('remove', 20, { capture: true }),
    );
    expect(s.listeners.map((l) => l.removedAt)).toEqual([null, 20]);
  });

  it.each(['once', 'signal'] as const)('records a removal by %s', (via) => {
    const s = withSocket(
      (h) => h.listener('add', 11, { once: via === 'once' }),
      (h) => h.listener('remove', 20, { via, stack: '' }),
    );
    expect(s.listeners[0]).toMatchObject({ removedAt: 20, removedVia: via });
  });

  it('records an on* handler as a property listener', () => {
    const s = withSocket((h) => h.listener('add', 11, { via: 'property', listener: 7 }));
    expect(s.listeners[0]).toMatchObject({ via: 'property', listener: 7, removedAt: null });
  });

  it('replacing an on* handler closes the previous one and keeps one live', () => {
    const s = withSocket(
      (h) => h.listener('add', 11, { via: 'property', listener: 7, stack: 'first' }),
      (h) => h.listener('add', 20, { via: 'property', listener: 8, stack: 'second' }),
    );
    expect(s.listeners).toHaveLength(2);
    expect(s.listeners[0]).toMatchObject({ listener: 7, removedAt: 20, removedVia: 'property', removeStack: 'second' });
    expect(s.listeners[1]).toMatchObject({ listener: 8, removedAt: null, addStack: 'second' });
  });

  it('replacing onmessage leaves onclose and message listeners alone', () => {
    const s = withSocket(
      (h) => h.listener('add', 11, { via: 'property', event: 'close', listener: 3 }),
      (h) => h.listener('add', 12, { listener: 4 }),
      (h) => h.listener('add', 13, { via: 'property', listener: 5 }),
      (h) => h.listener('add', 20, { via: 'property', listener: 6 }),
    );
    expect(s.listeners.map((l) => l.removedAt)).toEqual([null, null, 20, null]);
  });

  it('clearing an on* handler closes the live handler of that type whatever its callback id', () => {
    const s = withSocket(
      (h) => h.listener('add', 11, { via: 'property', listener: 7 }),
      (h) => h.listener('remove', 20, { via: 'property', listener: 0, stack: 'cleared' }),
    );
    expect(s.listeners[0]).toMatchObject({ removedAt: 20, removedVia: 'property', removeStack: 'cleared' });
  });

  it('removeEventListener does not remove an on* handler of the same callback', () => {
    const s = withSocket(
      (h) => h.listener('add', 11, { via: 'property', listener: 7 }),
      (h) => h.listener('remove', 20, { listener: 7 }),
    );
    expect(s.listeners[0]?.removedAt).toBeNull();
  });

  it('clearing an on* handler does not remove addEventListener listeners', () => {
    const s = withSocket(
      (h) => h.listener('add', 11, { listener: 0 }),
      (h) => h.listener('remove', 20, { via: 'property', listener: 0 }),
    );
    expect(s.listeners[0]?.removedAt).toBeNull();
  });

  it('a removal closes an earlier live record, not one already closed', () => {
    const s = withSocket(
      (h) => h.listener('add', 11),
      (h) => h.listener('remove', 12),
      (h) => h.listener('add', 13),
      (h) => h.listener('remove', 14),
    );
    expect(s.listeners.map((l) => l.removedAt)).toEqual([12, 14]);
  });
});

describe('Session: a page restored from the back/forward cache', () => {
  const restoredTop = (docId: string, timeOrigin: number, activatedAt: number): NewDocument => ({
    ...doc(docId, timeOrigin),
    activatedAt,
  });

  it('comes back with its whole history after preserve-log-off navigation had forgotten it', () => {
    const session = new Session();
    const hook = new Hook();
    const history = [hook.created(1, 110), hook.open(1, 120)];
    session.addDocument(doc('a', 100));
    session.apply('a', history);
    session.addDocument(doc('b', 1000));
    expect(session.sockets.size).toBe(0);

    session.addDocument(restoredTop('a', 100, 2000));
    session.apply('a', history);
    expect([...session.sockets.keys()]).toEqual(['a/1']);
    expect(session.documents.has('b')).toBe(false);
    expect(session.documents.get('a')).toMatchObject({ activatedAt: 2000, goneAt: null, previous: false });
  });

  it('with preserve log, becomes current again and the page it returned from becomes previous', () => {
    const session = new Session(DEFAULT_LIMITS, true);
    session.addDocument(doc('a', 100));
    session.addDocument(doc('b', 1000));
    session.documentGone('b', 1500);
    session.addDocument(restoredTop('a', 100, 2000));
    expect(session.documents.get('a')).toMatchObject({ previous: false, goneAt: null, activatedAt: 2000 });
    expect(session.documents.get('b')).toMatchObject({ previous: true });
  });

  it('does not duplicate anything when the restored page replays what the panel already has', () => {
    const session = new Session(DEFAULT_LIMITS, true);
    const hook = new Hook();
    const history = [hook.created(1, 110), hook.open(1, 120), hook.closeCall(130), hook.closed(140)];
    session.addDocument(doc('a', 100));
    session.apply('a', history);
    session.addDocument(doc('b', 1000));
    session.addDocument(restoredTop('a', 100, 2000));
    session.apply('a', history);
    expect(session.sockets.size).toBe(1);
    expect(session.sockets.get('a/1')?.closeCalls).toHaveLength(1);
  });

  it('ignores a report of a forgotten document that was not restored (a late message)', () => {
    const session = new Session();
    session.addDocument(doc('a', 100));
    session.addDocument(doc('b', 1000));
    session.addDocument(doc('a', 100));
    expect(session.documents.has('a')).toBe(false);
  });
});
