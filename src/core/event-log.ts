import type { FrameEvent, HookEvent, SocketId, TrafficEvent } from './events';

export interface EventLogBudget {
  /** Frame previews kept at most. */
  readonly frames: number;
  /** Characters of frame previews kept at most (text chars or hex digits). */
  readonly previewChars: number;
}

export const DEFAULT_LOG_BUDGET: EventLogBudget = { frames: 20_000, previewChars: 4_000_000 };

/**
 * One document's history, kept by its relay so that a panel opened late (or reconnecting
 * after a service-worker restart) is sent everything again. Lifecycle events are kept without
 * limit; frame previews within a budget, oldest evicted first and counted; traffic totals as
 * the latest absolute value per socket.
 */
export class EventLog {
  readonly #lifecycle: HookEvent[] = [];
  #frames: FrameEvent[] = [];
  #frameHead = 0;
  #previewChars = 0;
  readonly #traffic = new Map<SocketId, TrafficEvent>();
  /** Frame previews evicted to stay within the budget. */
  evicted = 0;

  constructor(private readonly budget: EventLogBudget = DEFAULT_LOG_BUDGET) {}

  append(events: readonly HookEvent[]): void {
    for (const e of events) {
      if (e.type === 'traffic') this.#traffic.set(e.socket, e);
      else if (e.type === 'frame') this.#addFrame(e);
      else this.#lifecycle.push(e);
    }
  }

  #addFrame(e: FrameEvent): void {
    this.#frames.push(e);
    this.#previewChars += e.preview.length;
    while (
      this.#frames.length - this.#frameHead > this.budget.frames ||
      this.#previewChars > this.budget.previewChars
    ) {
      const oldest = this.#frames[this.#frameHead++];
      if (!oldest) break;
      this.#previewChars -= oldest.preview.length;
      this.evicted++;
    }
    if (this.#frameHead > 1024 && this.#frameHead * 2 > this.#frames.length) {
      this.#frames = this.#frames.slice(this.#frameHead);
      this.#frameHead = 0;
    }
  }

  get frameCount(): number {
    return this.#frames.length - this.#frameHead;
  }

  /**
   * Everything held, in two parts: the lifecycle events in the order they happened (by seq)
   * with the traffic totals last, which is all a socket list needs; then the frame previews,
   * in order. A panel is sent the first part first so it can show its rows sooner.
   */
  snapshot(): { readonly lifecycle: HookEvent[]; readonly frames: FrameEvent[] } {
    return {
      lifecycle: [...this.#lifecycle, ...this.#traffic.values()],
      frames: this.#frames.slice(this.#frameHead),
    };
  }
}
