import { describe, expect, it } from 'vitest';
import type { HookEvent } from './events';
import { Session } from './session';
import { buildTimeline, timelinePosition } from './timeline';

const DOC = 'doc';
const STACK = 'Error\n    at connect (http://127.0.0.1:1/app.js:1:1)';

type Unsequenced = HookEvent extends infer E ? (E extends HookEvent ? Omit<E, 'seq'> : never) : never;

function socketAfter(events: Unsequenced[]) {
  const session = new Session();
  session.addDocument({ docId: DOC, frameId: 0, url: 'http://127.0.0.1:1/', isTop: true, timeOrigin: 0 });
  const created: Unsequenced = { type: 'created' as const, socket: 1, at: 100, url: 'ws://127.0.0.1:1/', protocols: [], stack: STACK };
  session.apply(DOC, [created, ...events].map((e, i) => ({ ...e, seq: i + 1 }) as HookEvent));
  const s = session.sockets.get(`${DOC}/1`);
  if (!s) throw new Error('no socket');
  return s;
}

const open = (at: number) => ({ type: 'open' as const, socket: 1, at, protocol: '', extensions: '' });
const closeCall = (at: number, error: { name: string; message: string } | null = null) => ({
  type: 'close-call' as const, socket: 1, at, code: error ? 1001 : 1000, reason: null, readyState: 1 as const, stack: STACK, error,
});
const closed = (at: number, code = 1000) => ({ type: 'closed' as const, socket: 1, at, code, reason: '', wasClean: code !== 1006 });
const listener = (at: number, op: 'add' | 'remove') => ({
  type: 'listener' as const, socket: 1, at, op, event: 'message', listener: 1, capture: false, once: false,
  via: op === 'add' ? ('addEventListener' as const) : ('removeEventListener' as const), stack: STACK,
});

describe('buildTimeline', () => {
  it('a socket still connecting has one ongoing phase that ends now', () => {
    const t = buildTimeline(socketAfter([]), 250);
    expect(t.phases).toEqual([{ state: 'connecting', from: 100, to: 250, ongoing: true }]);
    expect(t.end).toBe(250);
    expect(t.markers.map((m) => m.kind)).toEqual(['created']);
  });

  it('a page-closed socket goes connecting → open → closing and ends at the close event', () => {
    const t = buildTimeline(socketAfter([open(150), closeCall(400), closed(420)]), 9_999);
    expect(t.phases).toEqual([
      { state: 'connecting', from: 100, to: 150, ongoing: false },
      { state: 'open', from: 150, to: 400, ongoing: false },
      { state: 'closing', from: 400, to: 420, ongoing: false },
    ]);
    expect(t.end).toBe(420);
    expect(t.markers.map((m) => m.kind)).toEqual(['created', 'open', 'close-call', 'closed']);
  });

  it('a server close has no closing phase', () => {
    const t = buildTimeline(socketAfter([open(150), closed(300, 4001)]), 9_999);
    expect(t.phases.map((p) => p.state)).toEqual(['connecting', 'open']);
    expect(t.phases[1]).toEqual({ state: 'open', from: 150, to: 300, ongoing: false });
  });

  it('close() while connecting goes straight to closing', () => {
    const t = buildTimeline(socketAfter([closeCall(120), closed(130, 1006)]), 9_999);
    expect(t.phases.map((p) => [p.state, p.from, p.to])).toEqual([
      ['connecting', 100, 120],
      ['closing', 120, 130],
    ]);
  });

  it('a rejected close() is a marker, not a phase change', () => {
    const t = buildTimeline(socketAfter([open(150), closeCall(200, { name: 'InvalidAccessError', message: 'x' })]), 300);
    expect(t.phases.map((p) => p.state)).toEqual(['connecting', 'open']);
    expect(t.phases[1]?.ongoing).toBe(true);
    const rejected = t.markers.find((m) => m.kind === 'close-rejected');
    expect(rejected?.label).toContain('InvalidAccessError');
    expect(rejected?.at).toBe(200);
  });

  it('listener changes and errors are markers in time order; closed comes last on a tie', () => {
    const t = buildTimeline(
      socketAfter([listener(101, 'add'), open(150), { type: 'error' as const, socket: 1, at: 300 }, listener(300, 'remove'), closed(300, 1006)]),
      9_999,
    );
    expect(t.markers.map((m) => [m.kind, m.at])).toEqual([
      ['created', 100],
      ['listener-added', 101],
      ['open', 150],
      ['listener-removed', 300],
      ['error', 300],
      ['closed', 300],
    ]);
    expect(t.markers.at(-1)?.label).toBe('closed 1006 (not clean)');
  });

  it('a socket whose document went away ends there, not now', () => {
    const session = new Session();
    session.addDocument({ docId: DOC, frameId: 0, url: 'http://127.0.0.1:1/', isTop: true, timeOrigin: 0 });
    session.apply(DOC, [
      { type: 'created' as const, socket: 1, at: 100, url: 'ws://127.0.0.1:1/', protocols: [], stack: STACK, seq: 1 },
      { type: 'open' as const, socket: 1, at: 150, protocol: '', extensions: '', seq: 2 },
    ]);
    session.documentGone(DOC, 500);
    const s = session.sockets.get(`${DOC}/1`);
    if (!s) throw new Error('no socket');
    const t = buildTimeline(s, 9_999);
    expect(t.end).toBe(500);
    expect(t.phases.every((p) => !p.ongoing)).toBe(true);
    expect(t.markers.at(-1)?.kind).toMatch(/gone|closed/);
  });
});

describe('timelinePosition', () => {
  it('maps start to 0, end to 1, and clamps outside', () => {
    const t = { start: 100, end: 200, phases: [], markers: [] };
    expect(timelinePosition(t, 100)).toBe(0);
    expect(timelinePosition(t, 150)).toBe(0.5);
    expect(timelinePosition(t, 200)).toBe(1);
    expect(timelinePosition(t, 50)).toBe(0);
    expect(timelinePosition(t, 250)).toBe(1);
  });
  it('a zero-length life puts everything at 0', () => {
    expect(timelinePosition({ start: 5, end: 5, phases: [], markers: [] }, 5)).toBe(0);
  });
});
