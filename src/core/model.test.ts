import { describe, expect, it } from 'vitest';
import {
  acceptedCloseCall,
  closeCallArgs,
  framesWithoutPreview,
  liveListenerCounts,
  liveListeners,
  type CloseCall,
  type FrameRecord,
  type ListenerRecord,
  type SocketRecord,
} from './model';

function listener(over: Partial<ListenerRecord> = {}): ListenerRecord {
  return {
    event: 'message',
    listener: 1,
    capture: false,
    once: false,
    via: 'addEventListener',
    addedAt: 0,
    addStack: '',
    removedAt: null,
    removedVia: null,
    removeStack: '',
    ...over,
  };
}

function closeCall(over: Partial<CloseCall> = {}): CloseCall {
  return { at: 0, code: 1000, reason: null, readyState: 1, stack: '', error: null, ...over };
}

function frame(seq: number): FrameRecord {
  return { seq, at: seq, dir: 'in', size: 1, data: 'text', preview: 'x', truncated: false };
}

function record(over: Partial<SocketRecord> = {}): SocketRecord {
  return {
    key: 'doc/1',
    docId: 'doc',
    id: 1,
    url: 'ws://x/',
    protocols: [],
    createdAt: 0,
    createStack: '',
    state: 'open',
    openedAt: 0,
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
    ...over,
  };
}

describe('liveListeners', () => {
  it('returns only the listeners not yet removed, in the order they were added', () => {
    const a = listener({ listener: 1 });
    const b = listener({ listener: 2, removedAt: 5, removedVia: 'removeEventListener' });
    const c = listener({ listener: 3, event: 'close' });
    expect(liveListeners(record({ listeners: [a, b, c] }))).toEqual([a, c]);
  });

  it('returns nothing for a socket without listeners', () => {
    expect(liveListeners(record())).toEqual([]);
  });

  it('counts a listener removed at time 0 as removed', () => {
    expect(liveListeners(record({ listeners: [listener({ removedAt: 0, removedVia: 'once' })] }))).toEqual([]);
  });
});

describe('liveListenerCounts', () => {
  it('counts live listeners per event type', () => {
    const s = record({
      listeners: [
        listener({ event: 'message', listener: 1 }),
        listener({ event: 'message', listener: 0, via: 'property' }),
        listener({ event: 'close', listener: 2 }),
        listener({ event: 'message', listener: 3, removedAt: 9, removedVia: 'signal' }),
        listener({ event: 'error', listener: 4, removedAt: 9, removedVia: 'removeEventListener' }),
      ],
    });
    expect(liveListenerCounts(s)).toEqual({ message: 2, close: 1 });
  });

  it('is empty when every listener was removed', () => {
    const s = record({ listeners: [listener({ removedAt: 1, removedVia: 'once' })] });
    expect(liveListenerCounts(s)).toEqual({});
  });

  it('counts event types named like Object.prototype members, with nothing inherited', () => {
    const s = record({
      listeners: [
        listener({ event: 'constructor', listener: 1 }),
        listener({ event: '__proto__', listener: 2 }),
        listener({ event: 'toString', listener: 3, removedAt: 5, removedVia: 'removeEventListener' }),
      ],
    });
    const counts = liveListenerCounts(s);
    expect(Object.entries(counts).sort()).toEqual([
      ['__proto__', 1],
      ['constructor', 1],
    ]);
    expect(counts['constructor']).toBe(1);
    expect(counts['__proto__']).toBe(1);
    expect(counts['toString']).toBeUndefined();
  });
});

describe('acceptedCloseCall', () => {
  it('is undefined when close() was never called', () => {
    expect(acceptedCloseCall(record())).toBeUndefined();
  });

  it('is undefined when every close() threw', () => {
    const rejected = closeCall({ code: 1001, error: { name: 'InvalidAccessError', message: 'no' } });
    expect(acceptedCloseCall(record({ closeCalls: [rejected] }))).toBeUndefined();
  });

  it('skips rejected calls and returns the first call that took effect', () => {
    const rejected = closeCall({ at: 1, code: 999, error: { name: 'InvalidAccessError', message: 'no' } });
    const first = closeCall({ at: 2, code: 4000 });
    const second = closeCall({ at: 3, code: 1000 });
    expect(acceptedCloseCall(record({ closeCalls: [rejected, first, second] }))).toBe(first);
  });
});

describe('framesWithoutPreview', () => {
  it('is the counted frames both ways minus the previews held', () => {
    const s = record({
      traffic: { inCount: 5, inBytes: 50, outCount: 3, outBytes: 30 },
      frames: [frame(1), frame(2)],
    });
    expect(framesWithoutPreview(s)).toBe(6);
  });

  it('is 0 when every counted frame has a preview', () => {
    const s = record({ traffic: { inCount: 1, inBytes: 1, outCount: 1, outBytes: 1 }, frames: [frame(1), frame(2)] });
    expect(framesWithoutPreview(s)).toBe(0);
  });

  it('never goes below 0 when previews arrive before the traffic totals', () => {
    const s = record({ traffic: { inCount: 1, inBytes: 1, outCount: 0, outBytes: 0 }, frames: [frame(1), frame(2), frame(3)] });
    expect(framesWithoutPreview(s)).toBe(0);
  });
});

describe('closeCallArgs', () => {
  it('writes the arguments as the page passed them', () => {
    expect(closeCallArgs({ code: null, reason: null })).toBe('');
    expect(closeCallArgs({ code: 4001, reason: null })).toBe('4001');
    expect(closeCallArgs({ code: 1000, reason: 'done "now"' })).toBe('1000, "done \\"now\\""');
    expect(closeCallArgs({ code: null, reason: '' })).toBe('""');
  });
});
