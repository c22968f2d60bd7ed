import { describe, expect, it } from 'vitest';
import type { HookEvent } from './events';
import {
  abandoned,
  abnormalClose,
  closeRejected,
  closeTimeout,
  DEFAULT_LEAK_SETTINGS,
  duplicates,
  evaluateFlags,
  FLAG_KINDS,
  listenersLeft,
  neverClosed,
  type LeakSettings,
} from './leak-rules';
import type { CloseCall, ListenerRecord, SocketRecord } from './model';
import { Session } from './session';

// ── builders ───────────────────────────────────────────────────────────────────────────────

const SITE_A = 'Error\n    at connect (http://127.0.0.1:8080/app.js:10:5)\n    at http://127.0.0.1:8080/app.js:40:1';
const SITE_B = 'Error\n    at connect (http://127.0.0.1:8080/app.js:12:5)\n    at http://127.0.0.1:8080/app.js:40:1';

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
  return { at: 0, code: 1000, reason: null, readyState: 1, stack: 'close-stack', error: null, ...over };
}

const REJECTED = { name: 'InvalidAccessError', message: 'The close code must be either 1000, or between 3000 and 4999.' };

function record(over: Partial<SocketRecord> = {}): SocketRecord {
  const id = over.id ?? 1;
  const docId = over.docId ?? 'doc';
  return {
    key: `${docId}/${id}`,
    docId,
    id,
    url: 'ws://127.0.0.1:8080/feed',
    protocols: [],
    createdAt: 0,
    createStack: SITE_A,
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

const closedAt = (at: number, code = 1000, wasClean = true): SocketRecord['closed'] => ({
  at,
  code,
  reason: '',
  wasClean,
});

const settings = (abandonedAfterMs: number, closeTimeoutMs: number): LeakSettings => ({ abandonedAfterMs, closeTimeoutMs });
const S10 = settings(10_000, 10_000);

// ── never closed ───────────────────────────────────────────────────────────────────────────

describe('neverClosed', () => {
  it('does not flag a socket whose document is still there', () => {
    expect(neverClosed(record())).toBeNull();
  });

  it('flags a socket whose page went away without calling close(), with the creation stack', () => {
    const flag = neverClosed(record({ goneAt: 5000, state: 'closed', initiator: 'unload' }));
    expect(flag).toEqual({
      kind: 'never closed',
      why: 'The page went away while this socket was still connecting or open, and close() was never called on it.',
      fix: expect.any(String),
      stacks: [{ label: 'created at', stack: SITE_A }],
    });
  });

  it('still flags it when the page’s only close() call threw', () => {
    const s = record({ goneAt: 5000, state: 'closed', closeCalls: [closeCall({ code: 1001, error: REJECTED })] });
    expect(neverClosed(s)?.kind).toBe('never closed');
  });

  it('does not flag it when the page had called close()', () => {
    const s = record({ goneAt: 5000, state: 'closed', closeCalls: [closeCall({ at: 4000 })] });
    expect(neverClosed(s)).toBeNull();
  });
});

// ── abandoned ──────────────────────────────────────────────────────────────────────────────

describe('abandoned', () => {
  const idleSocket = (over: Partial<SocketRecord> = {}): SocketRecord =>
    record({ openedAt: 500, lastActivityAt: 1000, ...over });

  it('does not flag an unlistened socket just under the idle setting', () => {
    expect(abandoned(idleSocket(), 1000 + 9_999, S10)).toBeNull();
  });

  it('flags an unlistened socket exactly at the idle setting', () => {
    const flag = abandoned(idleSocket(), 1000 + 10_000, S10);
    expect(flag).toEqual({
      kind: 'abandoned',
      why: 'Open with no message listener left and no traffic for 10 s: nothing can use it and nothing will close it.',
      fix: expect.any(String),
      stacks: [{ label: 'created at', stack: SITE_A }],
    });
  });

  it('flags it over the setting and says for how long, to a tenth of a second', () => {
    expect(abandoned(idleSocket(), 1000 + 12_345, S10)?.why).toContain('no traffic for 12.3 s');
  });

  it('uses the configured idle time, not the default', () => {
    const s3 = settings(3_000, 10_000);
    expect(abandoned(idleSocket(), 1000 + 2_999, s3)).toBeNull();
    expect(abandoned(idleSocket(), 1000 + 3_000, s3)?.kind).toBe('abandoned');
  });

  it('does not flag a socket with a live message listener', () => {
    expect(abandoned(idleSocket({ listeners: [listener()] }), 1_000_000, S10)).toBeNull();
  });

  it('does not flag a socket with an onmessage handler', () => {
    const s = idleSocket({ listeners: [listener({ via: 'property', listener: 0 })] });
    expect(abandoned(s, 1_000_000, S10)).toBeNull();
  });

  it('flags a socket whose only live listeners are for other events', () => {
    const s = idleSocket({ listeners: [listener({ event: 'close' }), listener({ event: 'error', listener: 2 })] });
    expect(abandoned(s, 1000 + 10_000, S10)?.kind).toBe('abandoned');
  });

  it('shows where the message listener was removed', () => {
    const s = idleSocket({
      listeners: [listener({ addStack: 'add-stack', removedAt: 900, removedVia: 'removeEventListener', removeStack: 'rm-stack' })],
    });
    expect(abandoned(s, 1000 + 10_000, S10)?.stacks).toEqual([
      { label: 'created at', stack: SITE_A },
      { label: 'last message listener removed at', stack: 'rm-stack' },
    ]);
  });

  it('shows the removal of the message listener removed last, not of the one added last', () => {
    const s = idleSocket({
      listeners: [
        listener({ listener: 1, addedAt: 11, removedAt: 30, removedVia: 'removeEventListener', removeStack: 'rmA' }),
        listener({ listener: 2, addedAt: 12, removedAt: 20, removedVia: 'removeEventListener', removeStack: 'rmB' }),
      ],
    });
    expect(abandoned(s, 1000 + 10_000, S10)?.stacks).toEqual([
      { label: 'created at', stack: SITE_A },
      { label: 'last message listener removed at', stack: 'rmA' },
    ]);
  });

  it('does not show removals of listeners of other events', () => {
    const s = idleSocket({
      listeners: [listener({ event: 'close', removedAt: 900, removedVia: 'removeEventListener', removeStack: 'rm-close' })],
    });
    expect(abandoned(s, 1000 + 10_000, S10)?.stacks).toEqual([{ label: 'created at', stack: SITE_A }]);
  });

  it.each(['connecting', 'closing', 'closed'] as const)('does not flag a %s socket', (state) => {
    expect(abandoned(idleSocket({ state }), 1_000_000, S10)).toBeNull();
  });

  it('does not flag a socket whose page went away (never closed covers it)', () => {
    expect(abandoned(idleSocket({ goneAt: 2000 }), 1_000_000, S10)).toBeNull();
  });

  it('measures idleness from the last frame, not from the opening', () => {
    const s = record({ openedAt: 0, lastActivityAt: 5_000 });
    expect(abandoned(s, 14_999, S10)).toBeNull();
    expect(abandoned(s, 15_000, S10)?.kind).toBe('abandoned');
  });

  it('measures from the opening when there was no activity', () => {
    const s = record({ createdAt: 0, openedAt: 2_000, lastActivityAt: null });
    expect(abandoned(s, 11_999, S10)).toBeNull();
    expect(abandoned(s, 12_000, S10)?.kind).toBe('abandoned');
  });

  it('measures from the creation when neither activity nor opening is known', () => {
    const s = record({ createdAt: 3_000, openedAt: null, lastActivityAt: null });
    expect(abandoned(s, 12_999, S10)).toBeNull();
    expect(abandoned(s, 13_000, S10)?.kind).toBe('abandoned');
  });
});

// ── duplicate ──────────────────────────────────────────────────────────────────────────────

describe('duplicates', () => {
  it('flags two open sockets to one URL from one call site, each pointing at the other', () => {
    const a = record({ id: 1, createdAt: 0 });
    const b = record({ id: 2, createdAt: 100, createStack: SITE_A.replace('Error', 'Error: other message') });
    const flags = duplicates([a, b], 1000);
    expect([...flags.keys()].sort()).toEqual(['doc/1', 'doc/2']);
    expect(flags.get('doc/1')).toEqual({
      kind: 'duplicate',
      why: '2 sockets to ws://127.0.0.1:8080/feed created from the same call site were open at the same time.',
      fix: expect.any(String),
      stacks: [
        { label: 'created at', stack: a.createStack },
        { label: 'also created (#2) at', stack: b.createStack },
      ],
    });
    expect(flags.get('doc/2')?.stacks[1]).toEqual({ label: 'also created (#1) at', stack: a.createStack });
  });

  it('groups by call site only: the rest of the stack may differ', () => {
    const a = record({ id: 1, createStack: 'Error\n    at connect (http://127.0.0.1:8080/app.js:10:5)\n    at x (http://h/1.js:1:1)' });
    const b = record({ id: 2, createStack: 'Error\n    at connect (http://127.0.0.1:8080/app.js:10:5)\n    at y (http://h/2.js:9:9)' });
    expect(duplicates([a, b], 1000).size).toBe(2);
  });

  it('does not flag a single socket', () => {
    expect(duplicates([record()], 1000).size).toBe(0);
  });

  it('does not flag sockets created from different call sites', () => {
    expect(duplicates([record({ id: 1 }), record({ id: 2, createStack: SITE_B })], 1000).size).toBe(0);
  });

  it('does not flag sockets to different URLs', () => {
    expect(duplicates([record({ id: 1 }), record({ id: 2, url: 'ws://127.0.0.1:8080/other' })], 1000).size).toBe(0);
  });

  it('does not flag sockets of different documents', () => {
    expect(duplicates([record({ id: 1, docId: 'a' }), record({ id: 1, docId: 'b' })], 1000).size).toBe(0);
  });

  it('does not flag sockets whose creation stack is unknown', () => {
    expect(duplicates([record({ id: 1, createStack: '' }), record({ id: 2, createStack: '' })], 1000).size).toBe(0);
  });

  it('does not flag a socket created at the moment the previous one closed', () => {
    const a = record({ id: 1, createdAt: 0, state: 'closed', closed: closedAt(100) });
    const b = record({ id: 2, createdAt: 100 });
    expect(duplicates([a, b], 1000).size).toBe(0);
  });

  it('flags a socket created one millisecond before the previous one closed', () => {
    const a = record({ id: 1, createdAt: 0, state: 'closed', closed: closedAt(100) });
    const b = record({ id: 2, createdAt: 99 });
    expect([...duplicates([a, b], 1000).keys()].sort()).toEqual(['doc/1', 'doc/2']);
  });

  it('ends a socket’s life when its page went away', () => {
    const a = record({ id: 1, createdAt: 0, state: 'closed', goneAt: 50 });
    expect(duplicates([a, record({ id: 2, createdAt: 50 })], 1000).size).toBe(0);
    expect(duplicates([a, record({ id: 2, createdAt: 49 })], 1000).size).toBe(2);
  });

  it('ends a socket’s life at the page’s close() while open, not at the later close event', () => {
    const url = 'ws://x/';
    const first = record({
      id: 1,
      url,
      createdAt: 0,
      openedAt: 10,
      state: 'closed',
      closeCalls: [closeCall({ at: 100, code: 1000, readyState: 1 })],
      closed: closedAt(150),
      initiator: 'page',
    });
    // A reconnect that closed the old socket and opened the new one at once: not a leak.
    expect(duplicates([first, record({ id: 2, url, createdAt: 100 })], 1000).size).toBe(0);
    // Created before the close() call: both alive together.
    expect([...duplicates([first, record({ id: 2, url, createdAt: 90 })], 1000).keys()].sort()).toEqual([
      'doc/1',
      'doc/2',
    ]);
  });

  it('treats a closed socket without close time as never alive', () => {
    const a = record({ id: 1, createdAt: 0, state: 'closed' });
    expect(duplicates([a, record({ id: 2, createdAt: 0 })], 1000).size).toBe(0);
  });

  it('keeps sockets that are still alive alive until now', () => {
    const a = record({ id: 1, createdAt: 0 });
    const b = record({ id: 2, createdAt: 500 });
    expect(duplicates([a, b], 500).size).toBe(0);
    expect(duplicates([a, b], 501).size).toBe(2);
  });

  it('counts only the sockets that overlap each one', () => {
    const a = record({ id: 1, createdAt: 0, state: 'closed', closed: closedAt(10) });
    const b = record({ id: 2, createdAt: 5, state: 'closed', closed: closedAt(20) });
    const c = record({ id: 3, createdAt: 15 });
    const flags = duplicates([a, b, c], 100);
    expect(flags.get('doc/1')?.why).toMatch(/^2 sockets/);
    expect(flags.get('doc/2')?.why).toMatch(/^3 sockets/);
    expect(flags.get('doc/3')?.why).toMatch(/^2 sockets/);
    expect(flags.get('doc/1')?.stacks.map((x) => x.label)).toEqual(['created at', 'also created (#2) at']);
  });

  it('leaves a socket that overlaps none of its group unflagged', () => {
    const a = record({ id: 1, createdAt: 0, state: 'closed', closed: closedAt(10) });
    const b = record({ id: 2, createdAt: 20 });
    const c = record({ id: 3, createdAt: 30 });
    const flags = duplicates([a, b, c], 100);
    expect([...flags.keys()].sort()).toEqual(['doc/2', 'doc/3']);
  });

  it('shows at most two of the other sockets’ stacks', () => {
    const sockets = [1, 2, 3, 4].map((id) => record({ id, createdAt: id }));
    const flag = duplicates(sockets, 100).get('doc/1');
    expect(flag?.why).toMatch(/^4 sockets/);
    expect(flag?.stacks.map((x) => x.label)).toEqual(['created at', 'also created (#2) at', 'also created (#3) at']);
  });
});

// ── listeners left ─────────────────────────────────────────────────────────────────────────

describe('listenersLeft', () => {
  const closed = (over: Partial<SocketRecord> = {}): SocketRecord =>
    record({ state: 'closed', closed: closedAt(100), ...over });

  it('flags a closed socket with one listener left, naming it', () => {
    const flag = listenersLeft(closed({ listeners: [listener({ addStack: 'add-msg' })] }));
    expect(flag).toEqual({
      kind: 'listeners left',
      why: 'Closed, but 1 listener the page added (message) was never removed.',
      fix: expect.any(String),
      stacks: [{ label: 'message listener added at', stack: 'add-msg' }],
    });
  });

  it('names on* handlers as properties and counts every listener, naming each type once', () => {
    const flag = listenersLeft(
      closed({
        listeners: [
          listener({ via: 'property', listener: 0, addStack: 's0' }),
          listener({ event: 'close', listener: 2, addStack: 's1' }),
          listener({ event: 'message', listener: 3, addStack: 's2' }),
          listener({ event: 'message', listener: 4, addStack: 's3' }),
        ],
      }),
    );
    expect(flag?.why).toBe('Closed, but 4 listeners the page added (onmessage, close, message) were never removed.');
    expect(flag?.stacks).toEqual([
      { label: 'onmessage set at', stack: 's0' },
      { label: 'close listener added at', stack: 's1' },
      { label: 'message listener added at', stack: 's2' },
    ]);
  });

  it('does not count listeners that were removed', () => {
    const flag = listenersLeft(
      closed({
        listeners: [
          listener({ removedAt: 50, removedVia: 'removeEventListener' }),
          listener({ event: 'close', listener: 2 }),
        ],
      }),
    );
    expect(flag?.why).toBe('Closed, but 1 listener the page added (close) was never removed.');
  });

  it('does not flag a closed socket whose listeners were all removed', () => {
    const s = closed({ listeners: [listener({ removedAt: 50, removedVia: 'once' })] });
    expect(listenersLeft(s)).toBeNull();
  });

  it('does not flag a closed socket that never had listeners', () => {
    expect(listenersLeft(closed())).toBeNull();
  });

  it.each(['connecting', 'open', 'closing'] as const)('does not flag a %s socket', (state) => {
    expect(listenersLeft(record({ state, listeners: [listener()] }))).toBeNull();
  });

  it('does not flag a socket whose page went away', () => {
    expect(listenersLeft(closed({ goneAt: 90, listeners: [listener()] }))).toBeNull();
  });
});

// ── close timeout ──────────────────────────────────────────────────────────────────────────

describe('closeTimeout', () => {
  const closing = (over: Partial<SocketRecord> = {}): SocketRecord =>
    record({ state: 'closing', closeCalls: [closeCall({ at: 1000, stack: 'close-here' })], ...over });

  it('does not flag a socket whose close() was never called', () => {
    expect(closeTimeout(record(), 1_000_000, S10)).toBeNull();
  });

  it('does not flag a socket whose only close() threw', () => {
    const s = record({ closeCalls: [closeCall({ at: 0, error: REJECTED })] });
    expect(closeTimeout(s, 1_000_000, S10)).toBeNull();
  });

  it('does not flag a pending close just under the setting', () => {
    expect(closeTimeout(closing(), 1000 + 9_999, S10)).toBeNull();
  });

  it('flags a pending close exactly at the setting, with the close() stack', () => {
    expect(closeTimeout(closing(), 1000 + 10_000, S10)).toEqual({
      kind: 'close timeout',
      why: 'close() was called 10 s ago and no close event has arrived: the server never answered the closing handshake.',
      fix: expect.any(String),
      stacks: [{ label: 'close() called at', stack: 'close-here' }],
    });
  });

  it('flags a pending close over the setting', () => {
    expect(closeTimeout(closing(), 1000 + 25_050, S10)?.why).toContain('called 25.1 s ago');
  });

  it('does not flag a close event that came just under the setting', () => {
    expect(closeTimeout(closing({ state: 'closed', closed: closedAt(1000 + 9_999) }), 1_000_000, S10)).toBeNull();
  });

  it('flags a close event that came exactly at the setting, saying how long it took', () => {
    const flag = closeTimeout(closing({ state: 'closed', closed: closedAt(1000 + 10_000) }), 1_000_000, S10);
    expect(flag?.why).toBe('close() was called, but the close event took 10 s to arrive.');
  });

  it('stops waiting when the page went away', () => {
    expect(closeTimeout(closing({ goneAt: 1000 + 9_999 }), 1_000_000, S10)).toBeNull();
    expect(closeTimeout(closing({ goneAt: 1000 + 10_000 }), 1_000_000, S10)?.kind).toBe('close timeout');
  });

  it('uses the configured timeout', () => {
    const s2 = settings(10_000, 2_000);
    expect(closeTimeout(closing(), 1000 + 1_999, s2)).toBeNull();
    expect(closeTimeout(closing(), 1000 + 2_000, s2)?.kind).toBe('close timeout');
  });

  it('times from the first close() that took effect, not from a rejected one', () => {
    const s = record({
      state: 'closing',
      closeCalls: [closeCall({ at: 0, error: REJECTED }), closeCall({ at: 5_000, stack: 'accepted' })],
    });
    expect(closeTimeout(s, 14_999, S10)).toBeNull();
    expect(closeTimeout(s, 15_000, S10)?.stacks).toEqual([{ label: 'close() called at', stack: 'accepted' }]);
  });
});

// ── abnormal close ─────────────────────────────────────────────────────────────────────────

describe('abnormalClose', () => {
  it('does not flag a socket that has not closed, even after an error', () => {
    expect(abnormalClose(record({ errors: [50] }))).toBeNull();
  });

  it('does not flag a normal closure', () => {
    expect(abnormalClose(record({ state: 'closed', closed: closedAt(100, 1000) }))).toBeNull();
  });

  it('does not flag another code without an error', () => {
    expect(abnormalClose(record({ state: 'closed', closed: closedAt(100, 1001) }))).toBeNull();
    expect(abnormalClose(record({ state: 'closed', closed: closedAt(100, 1011, false) }))).toBeNull();
  });

  it('flags 1006 and explains it, with the creation stack', () => {
    expect(abnormalClose(record({ state: 'closed', closed: closedAt(100, 1006, false) }))).toEqual({
      kind: 'abnormal close',
      why: 'Closed with 1006 Abnormal Closure: no close frame was received (network drop, server vanished or handshake failed).',
      fix: expect.any(String),
      stacks: [{ label: 'created at', stack: SITE_A }],
    });
  });

  it('flags any close after an error event, naming the code', () => {
    expect(abnormalClose(record({ state: 'closed', closed: closedAt(100, 1000), errors: [90] }))?.why).toBe(
      'Closed with 1000 Normal Closure after an error event.',
    );
    expect(abnormalClose(record({ state: 'closed', closed: closedAt(100, 4001), errors: [90] }))?.why).toBe(
      'Closed with 4001 application (4000–4999) after an error event.',
    );
  });

  it('explains 1006 as such even when an error came first', () => {
    expect(abnormalClose(record({ state: 'closed', closed: closedAt(100, 1006, false), errors: [90] }))?.why).toMatch(
      /^Closed with 1006 Abnormal Closure: no close frame/,
    );
  });
});

// ── close rejected ─────────────────────────────────────────────────────────────────────────

describe('closeRejected', () => {
  it('does not flag a socket whose close() was never called', () => {
    expect(closeRejected(record())).toBeNull();
  });

  it('does not flag a close() that took effect', () => {
    expect(closeRejected(record({ closeCalls: [closeCall()] }))).toBeNull();
  });

  it('flags a close() with a bad code, quoting the call and the exception', () => {
    const s = record({ closeCalls: [closeCall({ code: 2999, error: REJECTED, stack: 'bad-close' })] });
    expect(closeRejected(s)).toEqual({
      kind: 'close rejected',
      why: 'close(2999) threw InvalidAccessError: The close code must be either 1000, or between 3000 and 4999. The socket stayed as it was.',
      fix: 'Use 1000 or a code in 3000–4999, and a reason of at most 123 UTF-8 bytes.',
      stacks: [{ label: 'rejected close() at', stack: 'bad-close' }],
    });
  });

  it('quotes a long rejected reason shortened to 20 characters', () => {
    const s = record({
      closeCalls: [closeCall({ code: 1000, reason: 'x'.repeat(124), error: { name: 'SyntaxError', message: 'Too long.' } })],
    });
    expect(closeRejected(s)?.why).toBe(
      `close(1000, "${'x'.repeat(20)}…") threw SyntaxError: Too long. The socket stayed as it was.`,
    );
  });

  it('quotes a call without a code as close()', () => {
    const s = record({ closeCalls: [closeCall({ code: null, error: REJECTED })] });
    expect(closeRejected(s)?.why).toMatch(/^close\(\) threw InvalidAccessError/);
  });

  it('describes the first rejected call and shows up to three rejected stacks, skipping accepted calls', () => {
    const s = record({
      closeCalls: [
        closeCall({ code: 1, error: REJECTED, stack: 'r1' }),
        closeCall({ code: 1000, stack: 'ok' }),
        closeCall({ code: 2, error: REJECTED, stack: 'r2' }),
        closeCall({ code: 3, error: REJECTED, stack: 'r3' }),
        closeCall({ code: 4, error: REJECTED, stack: 'r4' }),
      ],
    });
    const flag = closeRejected(s);
    expect(flag?.why).toMatch(/^close\(1\) threw/);
    expect(flag?.stacks.map((x) => x.stack)).toEqual(['r1', 'r2', 'r3']);
  });
});

// ── evaluateFlags ──────────────────────────────────────────────────────────────────────────

describe('evaluateFlags', () => {
  it('names the flag kinds exactly as the panel and exports show them', () => {
    expect(FLAG_KINDS).toEqual([
      'never closed',
      'abandoned',
      'duplicate',
      'listeners left',
      'close timeout',
      'abnormal close',
      'close rejected',
    ]);
  });

  it('defaults to 10 s for both settings', () => {
    expect(DEFAULT_LEAK_SETTINGS).toEqual({ abandonedAfterMs: 10_000, closeTimeoutMs: 10_000 });
  });

  it('returns an empty map for no sockets', () => {
    expect(evaluateFlags([], 0).size).toBe(0);
  });

  it('leaves sockets without flags out of the map', () => {
    const healthy = record({ id: 1, listeners: [listener()] });
    const leaking = record({ id: 2, createStack: SITE_B, goneAt: 10, state: 'closed' });
    const flags = evaluateFlags([healthy, leaking], 100);
    expect([...flags.keys()]).toEqual(['doc/2']);
  });

  it('uses the default settings when none are given', () => {
    const s = record({ openedAt: 0, lastActivityAt: 0 });
    expect(evaluateFlags([s], 9_999).size).toBe(0);
    expect(evaluateFlags([s], 10_000).get('doc/1')?.map((f) => f.kind)).toEqual(['abandoned']);
  });

  it('passes the given settings to the timed rules', () => {
    const s = record({ openedAt: 0, lastActivityAt: 0, state: 'closing', closeCalls: [closeCall({ at: 0 })] });
    expect(evaluateFlags([s], 1_000, settings(1_000, 1_000)).get('doc/1')?.map((f) => f.kind)).toEqual(['close timeout']);
    const open = record({ openedAt: 0, lastActivityAt: 0 });
    expect(evaluateFlags([open], 1_000, settings(1_000, 1_000)).get('doc/1')?.map((f) => f.kind)).toEqual(['abandoned']);
  });

  it('lists a socket’s flags in the panel’s order', () => {
    const s = record({
      goneAt: 100,
      state: 'closed',
      closed: closedAt(120, 1006, false),
      closeCalls: [closeCall({ at: 50, code: 999, error: REJECTED })],
    });
    expect(evaluateFlags([s], 1_000).get('doc/1')?.map((f) => f.kind)).toEqual([
      'never closed',
      'abnormal close',
      'close rejected',
    ]);
  });

  it('includes duplicates, after abandoned and before listeners left', () => {
    const a = record({ id: 1, createdAt: 0, openedAt: 0, lastActivityAt: 0 });
    const b = record({ id: 2, createdAt: 5, openedAt: 5, lastActivityAt: 5, listeners: [listener()] });
    const flags = evaluateFlags([a, b], 20_000);
    expect(flags.get('doc/1')?.map((f) => f.kind)).toEqual(['abandoned', 'duplicate']);
    expect(flags.get('doc/2')?.map((f) => f.kind)).toEqual(['duplicate']);
  });
});

// ── from hook events to flags ─────────────────────────────────────────────────────────────

type WithoutSeq<E> = E extends unknown ? Omit<E, 'seq'> : never;

describe('flags of sockets reduced from hook events', () => {
  const build = (events: WithoutSeq<HookEvent>[]): SocketRecord[] => {
    const session = new Session();
    session.apply(
      'doc',
      events.map((e, i) => ({ ...e, seq: i + 1 }) as HookEvent),
    );
    return [...session.sockets.values()];
  };
  const created = { type: 'created', socket: 1, at: 0, url: 'ws://x/', protocols: [], stack: SITE_A } as const;
  const open = { type: 'open', socket: 1, at: 10, protocol: '', extensions: '' } as const;
  const addMessage = {
    type: 'listener',
    socket: 1,
    at: 11,
    op: 'add',
    event: 'message',
    listener: 1,
    capture: false,
    once: false,
    via: 'addEventListener',
    stack: 'add',
  } as const;

  it('gives no flag to a socket the page used and cleaned up', () => {
    const sockets = build([
      created,
      open,
      addMessage,
      { type: 'frame', socket: 1, at: 20, dir: 'in', size: 2, data: 'text', preview: 'hi', truncated: false },
      { type: 'close-call', socket: 1, at: 30, code: 1000, reason: null, readyState: 1, stack: 'close', error: null },
      { ...addMessage, at: 31, op: 'remove', via: 'removeEventListener', stack: 'rm' },
      { type: 'closed', socket: 1, at: 40, code: 1000, reason: '', wasClean: true },
    ]);
    expect(evaluateFlags(sockets, 1_000_000).size).toBe(0);
  });

  it('gives no flag to an open socket that is listened to', () => {
    expect(evaluateFlags(build([created, open, addMessage]), 1_000_000).size).toBe(0);
  });

  it('flags a socket left open by a page that unloaded as never closed', () => {
    const sockets = build([created, open, addMessage, { type: 'pagehide', at: 500, persisted: false }]);
    expect(evaluateFlags(sockets, 1_000_000).get('doc/1')?.map((f) => f.kind)).toEqual(['never closed']);
  });

  it('flags a close() the browser rejected, leaving the socket open', () => {
    const sockets = build([
      created,
      open,
      addMessage,
      {
        type: 'close-call',
        socket: 1,
        at: 30,
        code: 1001,
        reason: null,
        readyState: 1,
        stack: 'bad',
        error: REJECTED,
      },
    ]);
    expect(sockets[0]?.state).toBe('open');
    expect(evaluateFlags(sockets, 40).get('doc/1')?.map((f) => f.kind)).toEqual(['close rejected']);
  });
});
