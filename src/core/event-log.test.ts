import { describe, expect, it } from 'vitest';
import { DEFAULT_LOG_BUDGET, EventLog } from './event-log';
import type { FrameEvent, HookEvent, TrafficEvent } from './events';

// ── builders: seq strictly increasing, as the hook sends them ──────────────────────────────

class Hook {
  seq = 0;

  created(socket = 1): HookEvent {
    return { type: 'created', seq: ++this.seq, at: this.seq, socket, url: 'ws://x/', protocols: [], stack: '' };
  }

  open(socket = 1): HookEvent {
    return { type: 'open', seq: ++this.seq, at: this.seq, socket, protocol: '', extensions: '' };
  }

  closed(socket = 1): HookEvent {
    return { type: 'closed', seq: ++this.seq, at: this.seq, socket, code: 1000, reason: '', wasClean: true };
  }

  pagehide(): HookEvent {
    return { type: 'pagehide', seq: ++this.seq, at: this.seq, persisted: false };
  }

  frame(preview = 'x', socket = 1): FrameEvent {
    return {
      type: 'frame',
      seq: ++this.seq,
      at: this.seq,
      socket,
      dir: 'in',
      size: preview.length,
      data: 'text',
      preview,
      truncated: false,
    };
  }

  traffic(inCount: number, socket = 1): TrafficEvent {
    return { type: 'traffic', seq: ++this.seq, at: this.seq, socket, inCount, inBytes: inCount, outCount: 0, outBytes: 0 };
  }
}

const seqs = (events: readonly HookEvent[]): number[] => events.map((e) => e.seq);

describe('EventLog.snapshot', () => {
  it('is empty for a new log', () => {
    const log = new EventLog();
    expect(log.snapshot()).toEqual({ lifecycle: [], frames: [] });
    expect(log.frameCount).toBe(0);
    expect(log.evicted).toBe(0);
  });

  it('returns the lifecycle events in order, and the frames apart, in order', () => {
    const h = new Hook();
    const [created, f1, open, f2, f3, closed, gone] = [h.created(), h.frame(), h.open(), h.frame(), h.frame(), h.closed(), h.pagehide()];
    const log = new EventLog();
    log.append([created, f1, open, f2, f3, closed, gone]);
    expect(log.snapshot()).toEqual({ lifecycle: [created, open, closed, gone], frames: [f1, f2, f3] });
  });

  it('keeps the order across several appends', () => {
    const h = new Hook();
    const a = [h.created(), h.frame()];
    const b = [h.open(), h.frame(), h.closed()];
    const log = new EventLog();
    log.append(a);
    log.append(b);
    const { lifecycle, frames } = log.snapshot();
    expect(seqs(lifecycle)).toEqual([1, 3, 5]);
    expect(seqs(frames)).toEqual([2, 4]);
  });

  it('puts traffic totals last, keeping only the latest per socket', () => {
    const h = new Hook();
    const created1 = h.created(1);
    const t1a = h.traffic(1, 1);
    const created2 = h.created(2);
    const t2 = h.traffic(5, 2);
    const t1b = h.traffic(3, 1);
    const closed1 = h.closed(1);
    const log = new EventLog();
    log.append([created1, t1a, created2, t2, t1b, closed1]);
    expect(log.snapshot().lifecycle).toEqual([created1, created2, closed1, t1b, t2]);
  });

  it('does not count traffic totals as frames', () => {
    const h = new Hook();
    const log = new EventLog({ frames: 1, previewChars: 100 });
    log.append([h.traffic(1), h.traffic(2, 2), h.frame()]);
    expect(log.frameCount).toBe(1);
    expect(log.evicted).toBe(0);
  });
});

describe('EventLog budget by frame count', () => {
  it('keeps exactly the budget without evicting', () => {
    const h = new Hook();
    const log = new EventLog({ frames: 3, previewChars: 1_000 });
    log.append([h.frame(), h.frame(), h.frame()]);
    expect(log.frameCount).toBe(3);
    expect(log.evicted).toBe(0);
  });

  it('evicts the oldest frames beyond the budget and counts them', () => {
    const h = new Hook();
    const log = new EventLog({ frames: 3, previewChars: 1_000 });
    const created = h.created();
    const frames = [h.frame('a'), h.frame('b'), h.frame('c'), h.frame('d'), h.frame('e')];
    log.append([created, ...frames]);
    expect(log.frameCount).toBe(3);
    expect(log.evicted).toBe(2);
    expect(log.snapshot()).toEqual({ lifecycle: [created], frames: frames.slice(2) });
  });

  it('never evicts lifecycle events', () => {
    const h = new Hook();
    const log = new EventLog({ frames: 0, previewChars: 0 });
    const lifecycle = [h.created(), h.open()];
    log.append([...lifecycle, h.frame(), h.frame()]);
    const closed = h.closed();
    log.append([closed]);
    expect(log.snapshot()).toEqual({ lifecycle: [...lifecycle, closed], frames: [] });
    expect(log.evicted).toBe(2);
  });

  it('stays in order and within budget over many evictions', () => {
    const h = new Hook();
    const log = new EventLog({ frames: 10, previewChars: 1_000_000 });
    const created = h.created();
    log.append([created]);
    const frames: FrameEvent[] = [];
    for (let i = 0; i < 3000; i++) {
      const f = h.frame(String(i));
      frames.push(f);
      log.append([f]);
    }
    const closed = h.closed();
    log.append([closed]);
    expect(log.frameCount).toBe(10);
    expect(log.evicted).toBe(2990);
    expect(log.snapshot()).toEqual({ lifecycle: [created, closed], frames: frames.slice(-10) });
  });

  it('keeps 20 000 frames by default', () => {
    expect(DEFAULT_LOG_BUDGET.frames).toBe(20_000);
    const h = new Hook();
    const log = new EventLog();
    log.append(Array.from({ length: 20_001 }, () => h.frame('')));
    expect(log.frameCount).toBe(20_000);
    expect(log.evicted).toBe(1);
    expect(log.snapshot().frames[0]?.seq).toBe(2);
  });
});

describe('EventLog budget by preview characters', () => {
  it('keeps previews that add up to exactly the budget', () => {
    const h = new Hook();
    const log = new EventLog({ frames: 100, previewChars: 10 });
    log.append([h.frame('12345'), h.frame('67890')]);
    expect(log.frameCount).toBe(2);
    expect(log.evicted).toBe(0);
  });

  it('evicts the oldest frames until the previews fit again', () => {
    const h = new Hook();
    const log = new EventLog({ frames: 100, previewChars: 10 });
    const a = h.frame('12345');
    const b = h.frame('678');
    const c = h.frame('90');
    const d = h.frame('abcd');
    log.append([a, b, c, d]);
    // 5 + 3 + 2 + 4 = 14 > 10: dropping a leaves 9.
    expect(log.snapshot().frames).toEqual([b, c, d]);
    expect(log.evicted).toBe(1);
  });

  it('frees the characters of evicted frames', () => {
    const h = new Hook();
    const log = new EventLog({ frames: 100, previewChars: 10 });
    log.append([h.frame('1234567890'), h.frame('1')]);
    expect(log.frameCount).toBe(1);
    // 1 char held: nine more fit without another eviction.
    log.append([h.frame('123456789')]);
    expect(log.frameCount).toBe(2);
    expect(log.evicted).toBe(1);
  });

  it('evicts a single frame larger than the whole budget, and counts it', () => {
    const h = new Hook();
    const log = new EventLog({ frames: 100, previewChars: 10 });
    const created = h.created();
    log.append([created, h.frame('x'.repeat(11))]);
    expect(log.frameCount).toBe(0);
    expect(log.evicted).toBe(1);
    expect(log.snapshot()).toEqual({ lifecycle: [created], frames: [] });
  });

  it('counts frames without preview (blobs) against the frame budget only', () => {
    const h = new Hook();
    const log = new EventLog({ frames: 2, previewChars: 0 });
    log.append([h.frame(''), h.frame(''), h.frame('')]);
    expect(log.frameCount).toBe(2);
    expect(log.evicted).toBe(1);
  });

  it('allows 4 000 000 preview characters by default', () => {
    expect(DEFAULT_LOG_BUDGET.previewChars).toBe(4_000_000);
    const h = new Hook();
    const log = new EventLog();
    log.append([h.frame('x'.repeat(2_000_000)), h.frame('x'.repeat(2_000_000))]);
    expect(log.evicted).toBe(0);
    log.append([h.frame('x')]);
    expect(log.evicted).toBe(1);
  });
});
