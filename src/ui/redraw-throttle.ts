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
 * the inspected page for the same cores.
 */
export class RedrawThrottle {
  #frameRequested = false;
  #delayed = false;
  #lastRedraw = -Infinity;

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
    if (this.#frameRequested || this.#delayed) return;
    const wait = this.#lastRedraw + this.options.intervalMs - this.options.now();
    if (wait <= 0) {
      this.#requestFrame();
      return;
    }
    this.#delayed = true;
    this.options.delay(() => {
      this.#delayed = false;
      this.#requestFrame();
    }, wait);
  }

  #requestFrame(): void {
    if (this.#frameRequested) return;
    this.#frameRequested = true;
    this.options.frame(() => {
      this.#frameRequested = false;
      this.#lastRedraw = this.options.now();
      this.redraw();
    });
  }
}
