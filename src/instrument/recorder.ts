import type { FrameDirection, HookEvent, SocketId } from '../core/events';
import { LIMITS } from '../protocol/limits';
import { PROTOCOL_VERSION, type HookBatch } from '../protocol/messages';
import { append, bare, I, list } from './intrinsics';
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
 *
 * One recorder per document: the sockets of every realm the document's hook took over (its own,
 * and its about:blank / srcdoc frames') share its socket ids. It runs while page code can have
 * patched anything, so it keeps its state in null-prototype objects and arrays (./intrinsics).
 */
export class Recorder {
  #seq = 0;
  #lastSocket = 0;
  #queue: HookEvent[] = list();
  #framesInBatch = 0;
  #flushScheduled = false;
  #inFlight = 0;
  readonly #counters: Record<SocketId, Counters | undefined> = bare({});
  #dirty: SocketId[] = list();
  readonly #isDirty: Record<SocketId, boolean | undefined> = bare({});
  #post: ((batch: HookBatch) => void) | null = null;

  constructor(
    private readonly N: Natives,
    private readonly options: RecorderOptions = DEFAULT_RECORDER_OPTIONS,
  ) {}

  now(): number {
    return this.N.timeOrigin + this.N.now();
  }

  /** A new socket's id within this document. */
  nextSocketId(): SocketId {
    return ++this.#lastSocket;
  }

  /** Connects the channel; events queued before it are posted on the next flush. */
  connect(post: (batch: HookBatch) => void): void {
    this.#post = post;
    if (this.#queue.length > 0 || this.#dirty.length > 0) this.#schedule();
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
    append(this.#queue, { ...event, seq: ++this.#seq } as HookEvent);
    this.#schedule();
  }

  frame(socket: SocketId, dir: FrameDirection, payload: Payload, withPreview: boolean): void {
    let c = this.#counters[socket];
    if (c === undefined) {
      c = { inCount: 0, inBytes: 0, outCount: 0, outBytes: 0 };
      this.#counters[socket] = c;
    }
    if (dir === 'in') {
      c.inCount++;
      c.inBytes += payload.size;
    } else {
      c.outCount++;
      c.outBytes += payload.size;
    }
    if (this.#isDirty[socket] !== true) {
      this.#isDirty[socket] = true;
      append(this.#dirty, socket);
    }
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
    const dirty = this.#dirty;
    for (let i = 0; i < dirty.length; i++) {
      const socket = dirty[i] as SocketId;
      this.#isDirty[socket] = false;
      const c = this.#counters[socket];
      if (c !== undefined) {
        append(this.#queue, {
          type: 'traffic',
          socket,
          at,
          inCount: c.inCount,
          inBytes: c.inBytes,
          outCount: c.outCount,
          outBytes: c.outBytes,
          seq: ++this.#seq,
        });
      }
    }
    if (dirty.length > 0) this.#dirty = list();
    if (this.#queue.length === 0) return;
    const events = this.#queue;
    this.#queue = list();
    this.#framesInBatch = 0;
    for (let i = 0; i < events.length; i += LIMITS.batchEvents) {
      this.#inFlight++;
      const slice =
        i === 0 && events.length <= LIMITS.batchEvents
          ? events
          : (this.N.apply(I.arraySlice, events, [i, i + LIMITS.batchEvents]) as HookEvent[]);
      post({ v: PROTOCOL_VERSION, events: slice });
    }
  }
}
