import { describe, expect, it } from 'vitest';
import type { HookEvent } from '../core/events';
import type { HookBatch } from '../protocol/messages';
import type { Natives } from './natives';
import { Recorder, type RecorderOptions } from './recorder';

/** The few natives the recorder calls, on a clock the test moves, with timers it fires. */
function fakeNatives() {
  let clock = 0;
  let timers: Array<{ at: number; run: () => void }> = [];
  const N = {
    apply: Reflect.apply,
    timeOrigin: 1_000_000,
    now: () => clock,
    setTimeout: (run: () => void, ms: number) => timers.push({ at: clock + ms, run }),
  } as unknown as Natives;
  return {
    N,
    /** Moves the clock without running any timer: a page too busy for timers. */
    advance: (ms: number) => (clock += ms),
    /** Moves the clock and runs the timers that are due, as an idle page would. */
    runTimers: (ms: number) => {
      clock += ms;
      const due = timers.filter((t) => t.at <= clock);
      timers = timers.filter((t) => t.at > clock);
      for (const t of due) t.run();
    },
    pendingTimers: () => timers.length,
  };
}

const OPTIONS: RecorderOptions = { flushDelayMs: 16, maxBatchAgeMs: 50, maxFramesPerBatch: 30, previewBurst: 100, previewsPerSecond: 1000 };
const TEXT = { size: 2, data: 'text', preview: 'hi', truncated: false } as const;

/** A batch's events as a plain array: the recorder builds its lists without a prototype. */
const copied = (batch: HookBatch): HookEvent[] => Array.from(batch.events);

function recording(options: RecorderOptions = OPTIONS) {
  const fake = fakeNatives();
  const recorder = new Recorder(fake.N, options);
  const batches: HookEvent[][] = [];
  const relay = { listens: true };
  recorder.connect((batch) => {
    batches.push(copied(batch));
    return relay.listens;
  });
  return { ...fake, recorder, batches, relay };
}

describe('Recorder batching', () => {
  it('posts nothing per event: events of one delay go out together when the timer fires', () => {
    const r = recording();
    for (let i = 0; i < 10; i++) r.recorder.frame(1, 'in', TEXT, true);
    expect(r.batches).toHaveLength(0);
    r.runTimers(16);
    expect(r.batches).toHaveLength(1);
    const types = r.batches[0]?.map((e) => e.type);
    expect(types).toEqual([...Array<string>(10).fill('frame'), 'traffic']);
  });

  it('leaves a batch older than the delay to the timer, while it is younger than the maximum age', () => {
    const r = recording();
    for (let t = 0; t < 50; t++) {
      r.recorder.frame(1, 'in', TEXT, false);
      r.advance(1);
    }
    expect(r.batches).toHaveLength(0);
    r.runTimers(0);
    expect(r.batches).toHaveLength(1);
  });

  it('posts a batch with the next event once it is the maximum age old and the timer is held back', () => {
    const r = recording();
    r.recorder.frame(1, 'in', TEXT, true);
    for (let t = 1; t < 50; t++) {
      r.advance(1);
      r.recorder.frame(1, 'in', TEXT, true);
    }
    expect(r.batches).toHaveLength(0);
    r.advance(1);
    r.recorder.frame(1, 'in', TEXT, true);
    expect(r.batches).toHaveLength(1);
    expect(r.batches[0]?.filter((e) => e.type === 'frame')).toHaveLength(51);
  });

  it('keeps posting through a stream during which no timer runs', () => {
    const r = recording();
    for (let t = 0; t < 1000; t++) {
      r.advance(1);
      r.recorder.frame(1, 'in', TEXT, false);
    }
    // One event a millisecond: a batch goes out with the event 50 ms after its first, and the
    // next batch starts with the event after that, so every 51 events make one batch.
    expect(r.batches).toHaveLength(Math.floor(1000 / 51));
    const last = r.batches.at(-1)?.at(-1);
    expect(last?.type === 'traffic' && last.inCount).toBeGreaterThan(1000 - 51);
  });

  it('sets one timer at a time however many events arrive', () => {
    const r = recording();
    for (let i = 0; i < 100; i++) r.recorder.frame(1, 'out', TEXT, true);
    expect(r.pendingTimers()).toBe(1);
  });

  it('does not post an empty batch when the timer fires after an early post', () => {
    const r = recording();
    r.recorder.frame(1, 'in', TEXT, true);
    r.advance(50);
    r.recorder.frame(1, 'in', TEXT, true);
    expect(r.batches).toHaveLength(1);
    r.runTimers(0);
    expect(r.batches).toHaveLength(1);
  });

  it('holds events until connected, then posts them', () => {
    const fake = fakeNatives();
    const recorder = new Recorder(fake.N, OPTIONS);
    recorder.emit({ type: 'error', socket: 1, at: 0 });
    const batches: HookEvent[][] = [];
    recorder.connect((batch) => batches.push(copied(batch)) > 0);
    fake.runTimers(16);
    expect(batches.map((b) => b.map((e) => e.type))).toEqual([['error']]);
  });

  it('numbers events in the order they were recorded, across batches', () => {
    const r = recording();
    r.recorder.emit({ type: 'error', socket: 1, at: 0 });
    r.runTimers(16);
    r.recorder.emit({ type: 'error', socket: 2, at: 0 });
    r.runTimers(16);
    expect(r.batches.flatMap((b) => b.map((e) => e.seq))).toEqual([1, 2]);
  });
});

describe('Recorder previews', () => {
  /** Records `n` frames, each with a preview only when the recorder still wants one. */
  const stream = (recorder: Recorder, n: number): void => {
    for (let i = 0; i < n; i++) recorder.frame(1, 'in', TEXT, recorder.wantsPreview());
  };
  const previews = (batches: HookEvent[][]): number => batches.flat().filter((e) => e.type === 'frame').length;

  it('caps the previews of one batch and keeps the counts exact', () => {
    const r = recording();
    stream(r.recorder, 40);
    r.runTimers(16);
    expect(previews(r.batches)).toBe(30);
    const last = r.batches.at(-1)?.at(-1);
    expect(last?.type === 'traffic' && last.inCount).toBe(40);
  });

  it('builds no previews while no relay takes the batches, and again once one does', () => {
    const r = recording();
    r.relay.listens = false;
    stream(r.recorder, 5);
    r.runTimers(16);
    stream(r.recorder, 5);
    r.runTimers(16);
    expect(r.batches.map((b) => previews([b]))).toEqual([5, 0]);
    r.relay.listens = true;
    stream(r.recorder, 5);
    r.runTimers(16);
    stream(r.recorder, 5);
    r.runTimers(16);
    expect(r.batches.map((b) => previews([b]))).toEqual([5, 0, 0, 5]);
    const last = r.batches.at(-1)?.at(-1);
    expect(last?.type === 'traffic' && last.inCount).toBe(20);
  });

  it('takes a burst of previews at once, then as many per second as the rate allows', () => {
    const r = recording({ ...OPTIONS, maxFramesPerBatch: 10_000 });
    stream(r.recorder, 150);
    r.runTimers(50);
    stream(r.recorder, 150);
    r.runTimers(16);
    // 100 at once, then 1,000 a second: 50 more after 50 ms.
    expect(r.batches.map((b) => previews([b]))).toEqual([100, 50]);
    const last = r.batches.at(-1)?.at(-1);
    expect(last?.type === 'traffic' && last.inCount).toBe(300);
  });

  it('fills the bucket again while the page is quiet, up to the burst and no more', () => {
    const r = recording({ ...OPTIONS, maxFramesPerBatch: 10_000 });
    stream(r.recorder, 100);
    r.runTimers(16);
    r.runTimers(60_000);
    stream(r.recorder, 1000);
    r.runTimers(16);
    expect(r.batches.map((b) => previews([b]))).toEqual([100, 100]);
  });
});
