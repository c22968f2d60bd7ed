export interface RedrawThrottleOptions {
  /** Runs the redraw on the next animation frame. */
  readonly frame: (run: () => void) => void;
  /** Runs `run` after `ms` milliseconds. */
  readonly delay: (run: () => void, ms: number) => void;
  readonly now: () => number;
  /** Streamed changes redraw at most this often. */
  readonly intervalMs: number;
}

/**
 * Decides when the panel redraws. What the user did (a setting, clear, an import) redraws on
 * the next animation frame; what the page streams in redraws at most once per interval, on
 * an animation frame, however fast it arrives: a page pushing thousands of events a second
 * costs a few redraws a second instead of sixty. Every redraw, in a software-composited
 * DevTools as on a CI machine, is style, layout, paint and raster of the panel, competing with
 * the inspected page for the same cores. A redraw for the user does not hold back the next
 * streamed one: opening the panel on a recorded tab draws the replayed history at once.
 */
export class RedrawThrottle {
  #frameRequested = false;
  #delayed = false;
  /** Streamed changes not drawn yet. */
  #streamedWaiting = false;
  /** When streamed changes were last drawn: only those count against the interval. */
  #lastStreamedRedraw = -Infinity;

  constructor(
    private readonly options: RedrawThrottleOptions,
    private readonly redraw: () => void,
  ) {}

  /** Something the user did changed the view: redraw on the next frame. */
  now(): void {
    this.#requestFrame();
  }

  /** Streamed data changed the view: redraw within the interval. */
  soon(): void {
    this.#streamedWaiting = true;
    if (this.#frameRequested || this.#delayed) return;
    const wait = this.#lastStreamedRedraw + this.options.intervalMs - this.options.now();
    if (wait <= 0) {
      this.#requestFrame();
      return;
    }
    this.#delayed = true;
    this.options.delay(() => {
      this.#delayed = false;
      // A redraw for the user may have drawn them meanwhile.
      if (this.#streamedWaiting) this.#requestFrame();
    }, wait);
  }

  #requestFrame(): void {
    if (this.#frameRequested) return;
    this.#frameRequested = true;
    this.options.frame(() => {
      this.#frameRequested = false;
      if (this.#streamedWaiting) this.#lastStreamedRedraw = this.options.now();
      this.#streamedWaiting = false;
      this.redraw();
    });
  }
}
