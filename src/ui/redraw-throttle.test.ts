import { describe, expect, it } from 'vitest';
import { RedrawThrottle } from './redraw-throttle';

/** A hand-driven clock, frame queue and timer queue. */
function harness(intervalMs = 100) {
  let time = 0;
  let frames: Array<() => void> = [];
  let timers: Array<{ at: number; run: () => void }> = [];
  let redraws = 0;
  const throttle = new RedrawThrottle(
    {
      frame: (run) => void frames.push(run),
      delay: (run, ms) => void timers.push({ at: time + ms, run }),
      now: () => time,
      intervalMs,
    },
    () => redraws++,
  );
  const runFrames = (): void => {
    const due = frames;
    frames = [];
    for (const run of due) run();
  };
  /** Advances the clock, firing due timers, then runs the frames they requested. */
  const advance = (ms: number): void => {
    time += ms;
    const due = timers.filter((t) => t.at <= time);
    timers = timers.filter((t) => t.at > time);
    for (const t of due) t.run();
    runFrames();
  };
  return {
    throttle,
    runFrames,
    advance,
    redraws: () => redraws,
    pendingFrames: () => frames.length,
    pendingTimers: () => timers.length,
  };
}

describe('RedrawThrottle', () => {
  it('redraws a first streamed change on the next frame', () => {
    const h = harness();
    h.throttle.soon();
    expect(h.pendingTimers()).toBe(0);
    h.runFrames();
    expect(h.redraws()).toBe(1);
  });

  it('coalesces streamed changes within the interval into one later redraw', () => {
    const h = harness(100);
    h.throttle.soon();
    h.runFrames();
    for (let i = 0; i < 50; i++) {
      h.advance(1);
      h.throttle.soon();
    }
    expect(h.redraws()).toBe(1);
    expect(h.pendingTimers()).toBe(1);
    h.advance(49);
    expect(h.redraws()).toBe(1);
    h.advance(1);
    expect(h.redraws()).toBe(2);
  });

  it('never lets a streamed change wait longer than the interval', () => {
    const h = harness(100);
    h.throttle.soon();
    h.runFrames();
    h.advance(10);
    h.throttle.soon();
    h.advance(89);
    expect(h.redraws()).toBe(1);
    h.advance(1);
    expect(h.redraws()).toBe(2);
  });

  it('redraws at once after a quiet interval', () => {
    const h = harness(100);
    h.throttle.soon();
    h.runFrames();
    h.advance(250);
    h.throttle.soon();
    expect(h.pendingTimers()).toBe(0);
    h.runFrames();
    expect(h.redraws()).toBe(2);
  });

  it('redraws what the user did on the next frame, even within the interval', () => {
    const h = harness(100);
    h.throttle.soon();
    h.runFrames();
    h.advance(5);
    h.throttle.now();
    h.runFrames();
    expect(h.redraws()).toBe(2);
  });

  it('does not hold back a streamed change because of a redraw for the user', () => {
    const h = harness(100);
    h.throttle.now();
    h.runFrames();
    h.advance(5);
    h.throttle.soon();
    expect(h.pendingTimers()).toBe(0);
    h.runFrames();
    expect(h.redraws()).toBe(2);
  });

  it('skips the delayed redraw when a redraw for the user already drew the streamed change', () => {
    const h = harness(100);
    h.throttle.soon();
    h.runFrames();
    h.advance(10);
    h.throttle.soon();
    expect(h.pendingTimers()).toBe(1);
    h.throttle.now();
    h.runFrames();
    expect(h.redraws()).toBe(2);
    h.advance(90);
    expect(h.redraws()).toBe(2);
  });

  it('counts a redraw for the user that drew streamed changes against the interval', () => {
    const h = harness(100);
    h.throttle.soon();
    h.throttle.now();
    h.runFrames();
    h.advance(10);
    h.throttle.soon();
    expect(h.pendingTimers()).toBe(1);
  });

  it('asks for one frame however many changes arrive before it', () => {
    const h = harness();
    h.throttle.now();
    h.throttle.soon();
    h.throttle.now();
    expect(h.pendingFrames()).toBe(1);
    h.runFrames();
    expect(h.redraws()).toBe(1);
  });
});
