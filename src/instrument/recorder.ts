import type { FrameDirection, HookEvent, SocketId } from '../core/events';
import { LIMITS } from '../protocol/limits';
import { PROTOCOL_VERSION, type HookBatch } from '../protocol/messages';
import type { Natives } from './natives';
import type { Payload } from './payload';

/** Distributive Omit, so each event type keeps its own fields. */
export type Unsequenced<E> = E extends unknown ? Omit<E, 'seq'> : never;

interface Counters {
  inCount: number;
  inBytes: number;
  outCount: number;
  outBytes: number;
}

export interface RecorderOptions {
  /** How long events gather before one batch is posted. */
  readonly flushDelayMs: number;
  /** Batches posted but not yet acknowledged beyond which frame previews are skipped. */
  readonly maxInFlight: number;
  /** Frame previews in one batch beyond which the rest are skipped (counts stay exact). */
  readonly maxFramesPerBatch: number;
}

export const DEFAULT_RECORDER_OPTIONS: RecorderOptions = {
  flushDelayMs: 16,
  maxInFlight: 8,
  maxFramesPerBatch: 5000,
};

/**
 * Queues the hook's events and posts them in batches, never one per frame. Per-socket frame
 * counts and bytes are kept exact here and sent as absolute totals with each batch; frame
 * previews are the only thing skipped when the relay falls behind or a batch is full.
 */
export class Recorder {
  #seq = 0;
  #queue: HookEvent[] = [];
  #framesInBatch = 0;
  #flushScheduled = false;
  #inFlight = 0;
  readonly #counters = new Map<SocketId, Counters>();
  readonly #dirty = new Set<SocketId>();
  #post: ((batch: HookBatch) => void) | null = null;

  constructor(
    private readonly N: Natives,
    private readonly options: RecorderOptions = DEFAULT_RECORDER_OPTIONS,
  ) {}

  now(): number {
    return this.N.timeOrigin + this.N.now();
  }

  /** Connects the channel; events queued before it are posted on the next flush. */
  connect(post: (batch: HookBatch) => void): void {
    this.#post = post;
    if (this.#queue.length > 0 || this.#dirty.size > 0) this.#schedule();
  }

  /** The relay has processed one batch. */
  acknowledge(): void {
    if (this.#inFlight > 0) this.#inFlight--;
  }

  /** Whether a frame's preview would be kept now; when not, the caller need not build it. */
  wantsPreview(): boolean {
    return (
      this.#inFlight < this.options.maxInFlight && this.#framesInBatch < this.options.maxFramesPerBatch
    );
  }

  emit(event: Unsequenced<HookEvent>): void {
    this.N.apply(this.N.push, this.#queue, [{ ...event, seq: ++this.#seq } as HookEvent]);
    this.#schedule();
  }

  frame(socket: SocketId, dir: FrameDirection, payload: Payload, withPreview: boolean): void {
    let c = this.#counters.get(socket);
    if (!c) {
      c = { inCount: 0, inBytes: 0, outCount: 0, outBytes: 0 };
      this.#counters.set(socket, c);
    }
    if (dir === 'in') {
      c.inCount++;
      c.inBytes += payload.size;
    } else {
      c.outCount++;
      c.outBytes += payload.size;
    }
    this.#dirty.add(socket);
    if (withPreview) {
      this.#framesInBatch++;
      this.emit({ type: 'frame', socket, at: this.now(), dir, ...payload });
    } else {
      this.#schedule();
    }
  }

  #schedule(): void {
    if (this.#flushScheduled || this.#post === null) return;
    this.#flushScheduled = true;
    this.N.setTimeout(() => this.flush(), this.options.flushDelayMs);
  }

  /** Posts everything queued now (also called synchronously on pagehide). */
  flush(): void {
    this.#flushScheduled = false;
    const post = this.#post;
    if (post === null) return;
    const at = this.now();
    for (const socket of this.#dirty) {
      const c = this.#counters.get(socket);
      if (c) this.N.apply(this.N.push, this.#queue, [{ type: 'traffic', socket, at, ...c, seq: ++this.#seq }]);
    }
    this.#dirty.clear();
    if (this.#queue.length === 0) return;
    const events = this.#queue;
    this.#queue = [];
    this.#framesInBatch = 0;
    for (let i = 0; i < events.length; i += LIMITS.batchEvents) {
      this.#inFlight++;
      post({ v: PROTOCOL_VERSION, events: i === 0 && events.length <= LIMITS.batchEvents ? events : events.slice(i, i + LIMITS.batchEvents) });
    }
  }
}
