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
  /** How long events gather before one batch is posted, on a timer. */
  readonly flushDelayMs: number;
  /**
   * The age at which a batch goes out with the next event when the timer is late. Longer than
   * the delay, so that a page with time to spare still posts from the timer, between its own
   * tasks, and not in the middle of one (a ping-pong's round trip, say).
   */
  readonly maxBatchAgeMs: number;
  /** Frame previews in one batch beyond which the rest are skipped (counts stay exact). */
  readonly maxFramesPerBatch: number;
  /**
   * Frame previews a document takes at once, and per second after that (a token bucket): a
   * page's every message has one up to a few thousand a second; a flood beyond it is sampled.
   */
  readonly previewBurst: number;
  readonly previewsPerSecond: number;
}

// The panel keeps the latest 5,000 previews of a socket, so most of a flood's previews would be
// evicted there anyway, after the page, the background and the panel paid to carry them (the
// bench's panel-open burst ran at 0.89× the page's speed with every preview, ~1.0× with this).
export const DEFAULT_RECORDER_OPTIONS: RecorderOptions = {
  flushDelayMs: 16,
  maxBatchAgeMs: 50,
  maxFramesPerBatch: 5000,
  previewBurst: 5000,
  previewsPerSecond: 2000,
};

/**
 * Queues the hook's events and posts them in batches, never one per frame. Per-socket frame
 * counts and bytes are kept exact here and sent as absolute totals with each batch; frame
 * previews are the only thing skipped: beyond the preview budget, when a batch is full, or when
 * no relay took the last batch.
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
  /** When the oldest event not posted yet was queued; null while nothing waits. */
  #waitingSince: number | null = null;
  #timerSet = false;
  /** Whether the relay took the last batch: previews are built only for a relay that listens. */
  #relayListens = true;
  #previewTokens: number;
  #tokensAt: number;
  readonly #counters: Record<SocketId, Counters | undefined> = bare({});
  #dirty: SocketId[] = list();
  readonly #isDirty: Record<SocketId, boolean | undefined> = bare({});
  #post: ((batch: HookBatch) => boolean) | null = null;

  constructor(
    private readonly N: Natives,
    private readonly options: RecorderOptions = DEFAULT_RECORDER_OPTIONS,
  ) {
    this.#previewTokens = options.previewBurst;
    this.#tokensAt = N.now();
  }

  now(): number {
    return this.N.timeOrigin + this.N.now();
  }

  /** A new socket's id within this document. */
  nextSocketId(): SocketId {
    return ++this.#lastSocket;
  }

  /**
   * Connects the channel (`post` says whether the relay took the batch); events queued before
   * it are posted on the next flush.
   */
  connect(post: (batch: HookBatch) => boolean): void {
    this.#post = post;
    if (this.#queue.length > 0 || this.#dirty.length > 0) this.#schedule(this.now());
  }

  /** Whether a frame's preview would be kept now; when not, the caller need not build it. */
  wantsPreview(): boolean {
    if (!this.#relayListens || this.#framesInBatch >= this.options.maxFramesPerBatch) return false;
    const t = this.N.now();
    const tokens = this.#previewTokens + ((t - this.#tokensAt) * this.options.previewsPerSecond) / 1000;
    this.#previewTokens = tokens < this.options.previewBurst ? tokens : this.options.previewBurst;
    this.#tokensAt = t;
    return this.#previewTokens >= 1;
  }

  emit(event: Unsequenced<HookEvent>): void {
    append(this.#queue, { ...event, seq: ++this.#seq } as HookEvent);
    this.#schedule(event.at);
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
      this.#previewTokens--;
      this.emit({ type: 'frame', socket, at: this.now(), dir, ...payload });
    } else {
      this.#schedule(this.now());
    }
  }

  // A batch goes out on the timer, or with the next event once it is maxBatchAgeMs old and the
  // timer has still not run. The timer is late exactly when the page is busiest: with DevTools
  // recording a socket that receives 10,000 messages a second, the page's timers run ~200 ms
  // late, and the timer alone had the panel lag behind by as much. `now` is the time of the
  // event just queued, which its caller has read already: one clock read per event, not two.
  #schedule(now: number): void {
    if (this.#post === null) return;
    if (this.#waitingSince === null) this.#waitingSince = now;
    else if (now - this.#waitingSince >= this.options.maxBatchAgeMs) {
      this.flush();
      return;
    }
    if (this.#timerSet) return;
    this.#timerSet = true;
    this.N.setTimeout(() => {
      this.#timerSet = false;
      if (this.#waitingSince !== null) this.flush();
    }, this.options.flushDelayMs);
  }

  /** Posts everything queued now (also called synchronously on pagehide). */
  flush(): void {
    this.#waitingSince = null;
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
      const slice =
        i === 0 && events.length <= LIMITS.batchEvents
          ? events
          : (this.N.apply(I.arraySlice, events, [i, i + LIMITS.batchEvents]) as HookEvent[]);
      this.#relayListens = post(bare({ v: PROTOCOL_VERSION, events: slice }));
    }
  }
}
