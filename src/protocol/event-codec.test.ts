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

/** Through JSON, as on a port. */
const roundTrip = (events: readonly HookEvent[]): HookEvent[] =>
  decodeEvents(JSON.parse(JSON.stringify(encodeEvents(events))) as EncodedEvents);

describe('encodeEvents', () => {
  it('sends each distinct string once, in first-seen order', () => {
    const { strings } = encodeEvents(history);
    expect(strings.slice(0, 3)).toEqual(['created', 'ws://x/', AT_OPEN]);
    expect(strings.filter((s) => s === AT_OPEN || s === 'created')).toHaveLength(2);
    expect(new Set(strings).size).toBe(strings.length);
  });

  it('sends each distinct key list once, and every event as its shape and values', () => {
    const { shapes, rows } = encodeEvents(history);
    // created, listener, open, frame, close-call with a reason and origin, close-call without, pagehide
    expect(shapes).toHaveLength(7);
    expect(shapes[0]).toEqual({ keys: ['type', 'seq', 'at', 'socket', 'url', 'protocols', 'stack'], kinds: 'sdtvsvs' });
    expect(rows[0]).toEqual([0, 0, 1, 500, 1, 1, ['a', 'b'], 2]);
    expect(rows.map((r) => r[0])).toEqual([0, 1, 2, 3, 4, 5, 0, 0, 6]);
  });

  it('tells apart events of one type whose values are of different kinds', () => {
    const a = { type: 'closed', seq: 1, at: 1, socket: 1, code: 1000, reason: 'x', wasClean: true } as HookEvent;
    const b = { ...a, seq: 2, reason: null } as unknown as HookEvent;
    const { shapes } = encodeEvents([a, b, a]);
    expect(shapes.map((s) => s.kinds)).toEqual(['sdtvvsv', 'sdtvvvv']);
  });

  it('writes seq and at as differences from the row before, whatever its type', () => {
    const { rows } = encodeEvents(history);
    expect(rows.map((r) => [r[2], r[3]])).toEqual([
      [1, 500],
      [1, 500],
      [1, 1000],
      [1, 1000],
      [1, 1000],
      [1, 1000],
      [1, 1000],
      [1, 1000],
      [1, 1000],
    ]);
  });

  it('leaves out a key whose value is undefined, as JSON would', () => {
    const event = { type: 'error', seq: 1, at: 0, socket: 1, extra: undefined } as unknown as HookEvent;
    expect(encodeEvents([event]).shapes).toEqual([{ keys: ['type', 'seq', 'at', 'socket'], kinds: 'sdtv' }]);
  });

  it('is empty for no events', () => {
    expect(encodeEvents([])).toEqual({ shapes: [], strings: [], rows: [] });
  });

  it('is less than a third of the JSON of the plain events when kinds, names and stacks repeat', () => {
    const t0 = 1_796_309_368_477.3;
    const many = Array.from({ length: 100 }, (_, i) =>
      history.map((e) => ({ ...e, seq: i * 100 + e.seq, at: t0 + i * 13.7 + e.at })),
    ).flat();
    expect(JSON.stringify(encodeEvents(many)).length).toBeLessThan(JSON.stringify(many).length / 3);
  });
});

describe('decodeEvents', () => {
  it('gives back exactly the events that were encoded, through JSON as on a port', () => {
    expect(roundTrip(history)).toEqual(history);
  });

  it('gives back epoch times to the microsecond, in the same order, and seqs exactly', () => {
    const t0 = 1_796_309_368_477.3;
    const times = [t0, t0 + 0.1001, t0 + 0.1001, t0 + 1.23456, t0 + 1.2349, t0 + 86_400_000.005];
    const events = times.map((at, i): HookEvent => ({ type: 'error', seq: 1000 + i * 7, at, socket: 1 }));
    const back = roundTrip(events);
    back.forEach((e, i) => expect(Math.abs(e.at - (times[i] as number))).toBeLessThanOrEqual(0.0005));
    expect(back.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
    for (let i = 1; i < back.length; i++) expect((back[i] as HookEvent).at).toBeGreaterThanOrEqual((back[i - 1] as HookEvent).at);
  });

  it('passes a seq that is not an integer, or a time that is not a number, as the value itself', () => {
    const odd = [
      { type: 'error', seq: 1.5, at: null, socket: 1 },
      { type: 'error', seq: 2, at: 3, socket: 1 },
    ] as unknown as HookEvent[];
    expect(roundTrip(odd)).toEqual(odd);
  });

  it('reads a string index outside the table, or not an integer, as ""', () => {
    const shapes = [{ keys: ['type', 'seq', 'at', 'socket', 'url', 'protocols', 'stack'], kinds: 'sdtvsvs' }];
    const rows = [1, -1, 0.5, 'x', null].map((stack) => [0, 0, 1, 0, 1, 0, [], stack]);
    const out = decodeEvents({ shapes, strings: ['created'], rows });
    expect(out.map((e) => ('stack' in e ? e.stack : null))).toEqual(['', '', '', '', '']);
    expect(out.map((e) => ('url' in e ? e.url : null))).toEqual(['created', 'created', 'created', 'created', 'created']);
  });

  it('skips a row whose shape is unknown, or whose seq or at difference is not a number', () => {
    const shapes = [{ keys: ['type', 'seq', 'at'], kinds: 'sdt' }];
    const rows = [[1, 0], ['0'], [], [0, 0, 'x', 1], [0, 0, 1, null], [0, 0, 1, 2000]];
    expect(decodeEvents({ shapes, strings: ['pagehide'], rows })).toEqual([{ type: 'pagehide', seq: 1, at: 2 }]);
  });

  it('never sets an object’s prototype from a key', () => {
    const out = decodeEvents({ shapes: [{ keys: ['type', '__proto__'], kinds: 'sv' }], strings: ['pagehide'], rows: [[0, 0, { polluted: true }]] });
    expect(Object.getPrototypeOf(out[0])).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
