import { describe, expect, it } from 'vitest';
import type { HookEvent } from '../core/events';
import { decodeEvents, encodeEvents, type EncodedEvents } from './event-codec';

const AT_OPEN = 'at openSocket (https://app.example/app.js:10:5)';
const AT_CLOSE = 'at closeSocket (https://app.example/app.js:20:7)';

const history: HookEvent[] = [
  { type: 'created', seq: 1, at: 0.5, socket: 1, url: 'ws://x/', protocols: ['a', 'b'], stack: AT_OPEN },
  { type: 'listener', seq: 2, at: 1, socket: 1, op: 'add', event: 'open', listener: 1, capture: false, once: true, via: 'addEventListener', stack: AT_OPEN },
  { type: 'open', seq: 3, at: 2, socket: 1, protocol: '', extensions: '' },
  { type: 'frame', seq: 4, at: 3, socket: 1, dir: 'out', size: 2, data: 'text', preview: 'hi', truncated: false },
  { type: 'close-call', seq: 5, at: 4, socket: 1, code: 4000, reason: 'bye', readyState: 1, stack: AT_CLOSE, error: null, origin: 'inspector' },
  { type: 'close-call', seq: 6, at: 5, socket: 1, code: 1, reason: null, readyState: 2, stack: AT_CLOSE, error: { name: 'InvalidAccessError', message: 'no' } },
  { type: 'created', seq: 7, at: 6, socket: 2, url: 'ws://y/', protocols: [], stack: AT_OPEN },
  { type: 'created', seq: 8, at: 7, socket: 3, url: 'ws://z/', protocols: [], stack: '' },
  { type: 'pagehide', seq: 9, at: 8, persisted: true },
];

describe('encodeEvents', () => {
  it('sends each distinct stack once, in first-seen order', () => {
    expect(encodeEvents(history).stacks).toEqual([AT_OPEN, AT_CLOSE, '']);
  });

  it('sends each distinct key list once, and every event as its shape and values', () => {
    const { shapes, rows } = encodeEvents(history);
    // created, listener, open, frame, close-call with origin, close-call without, pagehide
    expect(shapes).toHaveLength(7);
    expect(shapes[0]).toEqual(['type', 'seq', 'at', 'socket', 'url', 'protocols', 'stack']);
    expect(rows[0]).toEqual([0, 'created', 1, 0.5, 1, 'ws://x/', ['a', 'b'], 0]);
    expect(rows.map((r) => r[0])).toEqual([0, 1, 2, 3, 4, 5, 0, 0, 6]);
  });

  it('leaves out a key whose value is undefined, as JSON would', () => {
    const event = { type: 'error', seq: 1, at: 0, socket: 1, extra: undefined } as unknown as HookEvent;
    expect(encodeEvents([event]).shapes).toEqual([['type', 'seq', 'at', 'socket']]);
  });

  it('is empty for no events', () => {
    expect(encodeEvents([])).toEqual({ shapes: [], stacks: [], rows: [] });
  });

  it('is less than half the JSON of the plain events when kinds and stacks repeat', () => {
    const many = Array.from({ length: 100 }, (_, i) => history.map((e) => ({ ...e, seq: i * 100 + e.seq }))).flat();
    expect(JSON.stringify(encodeEvents(many)).length).toBeLessThan(JSON.stringify(many).length / 2);
  });
});

describe('decodeEvents', () => {
  it('gives back exactly the events that were encoded, through JSON as on a port', () => {
    const wire = JSON.parse(JSON.stringify(encodeEvents(history))) as EncodedEvents;
    expect(decodeEvents(wire)).toEqual(history);
  });

  it('reads a stack index outside the table, or not an integer, as no stack', () => {
    const shapes = [['type', 'seq', 'at', 'socket', 'url', 'protocols', 'stack']];
    const rows = [1, -1, 0.5, 'x', null].map((stack) => [0, 'created', 1, 0, 1, 'ws://x/', [], stack]);
    const out = decodeEvents({ shapes, stacks: [AT_OPEN], rows });
    expect(out.map((e) => ('stack' in e ? e.stack : null))).toEqual(['', '', '', '', '']);
  });

  it('skips a row whose shape is unknown', () => {
    const out = decodeEvents({ shapes: [['type', 'seq', 'at']], stacks: [], rows: [[1, 'x'], ['0'], [], [0, 'pagehide', 1, 2]] });
    expect(out).toEqual([{ type: 'pagehide', seq: 1, at: 2 }]);
  });

  it('never sets an object’s prototype from a key', () => {
    const out = decodeEvents({ shapes: [['type', '__proto__']], stacks: [], rows: [[0, 'pagehide', { polluted: true }]] });
    expect(Object.getPrototypeOf(out[0])).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

