import { serializeSession, type RestoredSession, type SessionExport } from '../core/export';
import { toHar } from '../core/har';
import type { Flag } from '../core/leak-rules';
import { framesWithoutPreview, type DocumentInfo, type SocketRecord } from '../core/model';
import { Session } from '../core/session';
import { decodeEvents } from '../protocol/event-codec';
import { PROTOCOL_VERSION, type PanelToBackground, type UnpackedToPanel } from '../protocol/messages';
import { closeRequestProblem } from './close-request';
import { FlagEvaluator } from './flag-evaluator';
import { RedrawThrottle, type RedrawThrottleOptions } from './redraw-throttle';
import { DEFAULT_PANEL_SETTINGS, type PanelSettings } from './settings';

export type { PanelSettings } from './settings';
export { DEFAULT_PANEL_SETTINGS } from './settings';

/** An imported session file being inspected (read-only). */
export interface ImportInfo {
  readonly fileName: string;
  readonly exportedAt: number;
  readonly tool: { readonly name: string; readonly version: string };
}

/** What the panel knows it did not show in full. */
export interface Diagnostics {
  /** Page messages the relays rejected (bad shape, type, size or version). */
  readonly rejected: number;
  /** Messages counted exactly but whose previews were sampled away or evicted. */
  readonly withoutPreview: number;
  /** Messages from the extension's own relays that arrived but could not be unpacked. */
  readonly lost: number;
}

export interface PanelState {
  readonly sockets: readonly SocketRecord[];
  readonly flags: ReadonlyMap<string, readonly Flag[]>;
  readonly documents: ReadonlyMap<string, DocumentInfo>;
  readonly connected: boolean;
  readonly diagnostics: Diagnostics;
  /** The clock of the shown session: now for the live one, the export time for an import. */
  readonly now: number;
  /** Changes whenever the shown session changed. */
  readonly version: number;
  readonly settings: PanelSettings;
  /** Set while an imported file is shown instead of the live recording. */
  readonly imported: ImportInfo | null;
}

export type SendCommand = (message: PanelToBackground) => void;

export interface PanelStoreOptions {
  readonly settings?: PanelSettings;
  readonly clock?: () => number;
  /** Sends a command to the background (close a socket); wired to the panel's port. */
  readonly sendCommand?: SendCommand;
  /** Called after every settings change, e.g. to save them. */
  readonly onSettings?: (settings: PanelSettings) => void;
  /** When redraws run; by default on animation frames, streamed changes at most every 100 ms. */
  readonly redraw?: RedrawThrottleOptions;
  readonly tool?: { readonly name: string; readonly version: string };
}

const TOOL = { name: 'WebSocket Lifecycle Inspector', version: 'dev' };

const DEFAULT_REDRAW: RedrawThrottleOptions = {
  frame: (run) => void requestAnimationFrame(run),
  delay: (run, ms) => void setTimeout(run, ms),
  now: () => performance.now(),
  intervalMs: 100,
};

/**
 * Holds the live session (and an imported one, when a file is being inspected) and tells the
 * view when to redraw: what the user changed on the next animation frame, what the page
 * streams at most every 100 ms (./redraw-throttle), so a stream of thousands of events a
 * second costs ten renders, not one per event. The state handed to the view is built once per
 * redraw (flags included) and reused by everything that reads it in that frame.
 *
 * An imported file is shown instead of the live recording, which goes on in the background
 * and comes back when the import is closed: the two never mix.
 */
export class PanelStore {
  readonly session = new Session();
  #settings: PanelSettings;
  #connected = false;
  readonly #rejectedByDoc = new Map<string, number>();
  #lost = 0;
  readonly #listeners = new Set<() => void>();
  #snapshot: PanelState | null = null;
  #changes = 0;
  readonly #liveFlags = new FlagEvaluator();
  #imported: { info: ImportInfo; session: Session; flags: FlagEvaluator } | null = null;
  #send: SendCommand | null;
  readonly #clock: () => number;
  readonly #onSettings: ((settings: PanelSettings) => void) | null;
  readonly #redraw: RedrawThrottle;
  readonly #tool: { readonly name: string; readonly version: string };

  constructor(options: PanelStoreOptions = {}) {
    this.#settings = options.settings ?? DEFAULT_PANEL_SETTINGS;
    this.#clock = options.clock ?? Date.now;
    this.#send = options.sendCommand ?? null;
    this.#onSettings = options.onSettings ?? null;
    this.#redraw = new RedrawThrottle(options.redraw ?? DEFAULT_REDRAW, () => {
      for (const l of this.#listeners) l();
    });
    this.#tool = options.tool ?? TOOL;
    this.session.preserveLog = this.#settings.preserveLog;
  }

  get settings(): PanelSettings {
    return this.#settings;
  }

  setSendCommand(send: SendCommand | null): void {
    this.#send = send;
  }

  updateSettings(patch: Partial<PanelSettings>): void {
    this.#settings = { ...this.#settings, ...patch };
    this.session.preserveLog = this.#settings.preserveLog;
    this.#onSettings?.(this.#settings);
    this.#changed();
  }

  receive(message: UnpackedToPanel): void {
    switch (message.kind) {
      case 'document':
        this.session.addDocument(message.doc);
        break;
      case 'events':
        this.session.apply(message.docId, decodeEvents(message.events));
        this.#rejectedByDoc.set(message.docId, message.rejected);
        break;
      case 'document-gone':
        this.session.documentGone(message.docId, message.at);
        break;
    }
    if (this.#imported !== null) return;
    // A document arrives once per page or frame load, and first in every replay: drawn as a
    // streamed change, it would hold the replayed history that follows for an interval.
    this.#changed(message.kind === 'document' ? 'next-frame' : 'throttled');
  }

  countLost(): void {
    this.#lost++;
    this.#changed();
  }

  setConnected(connected: boolean): void {
    this.#connected = connected;
    this.#changed();
  }

  /** Clears the live recording. */
  clear(): void {
    this.session.clear();
    this.#rejectedByDoc.clear();
    this.#liveFlags.reset();
    this.#changed();
  }

  /** Time passing changes flags (abandoned, close timeout) and ages even without events. */
  tick(): void {
    if (this.#imported === null) this.#changed('throttled');
  }

  /** Whether the panel can close this socket: live (not imported), and not closing or closed. */
  canClose(key: string): boolean {
    if (this.#imported !== null || this.#send === null) return false;
    const s = this.session.sockets.get(key);
    return s !== undefined && (s.state === 'connecting' || s.state === 'open') && s.goneAt === null;
  }

  /**
   * Asks the page to call close(code, reason) on the socket, as the page itself would, so its
   * reconnect logic can be exercised. Throws RangeError for a code or reason close() rejects
   * (the view validates first, with a message) and Error when the socket cannot be closed.
   */
  requestClose(key: string, code: number, reason: string): void {
    const problem = closeRequestProblem(code, reason);
    if (problem !== null) throw new RangeError(problem);
    if (!this.canClose(key)) throw new Error(`socket ${key} cannot be closed from the panel`);
    const s = this.session.sockets.get(key);
    if (!s || !this.#send) return;
    this.#send({ v: PROTOCOL_VERSION, kind: 'close-socket', docId: s.docId, socket: s.id, code, reason });
  }

  /** Shows an imported session (read-only) instead of the live recording. */
  openImport(fileName: string, file: SessionExport, restored: RestoredSession): void {
    const session = new Session();
    for (const d of restored.documents) session.documents.set(d.docId, d);
    for (const s of restored.sockets) session.sockets.set(s.key, s);
    session.version++;
    this.#imported = {
      info: { fileName, exportedAt: file.exportedAt, tool: file.tool },
      session,
      flags: new FlagEvaluator(),
    };
    this.#changed();
  }

  /** Back to the live recording. */
  closeImport(): void {
    this.#imported = null;
    this.#changed();
  }

  /** The shown session as the JSON export file (docs/EXPORT.md). */
  exportJson(): string {
    const state = this.snapshot();
    return serializeSession({
      documents: state.documents.values(),
      sockets: state.sockets,
      flags: state.flags,
      exportedAt: this.#imported?.info.exportedAt ?? this.#clock(),
      settings: state.settings,
      tool: this.#tool,
    });
  }

  /** The shown session as HAR 1.2 with Chrome's `_webSocketMessages`. */
  exportHar(): string {
    const state = this.snapshot();
    return JSON.stringify(
      toHar({ documents: state.documents.values(), sockets: state.sockets, flags: state.flags, creator: this.#tool }),
      null,
      1,
    );
  }

  /** The state to render; built at most once per change and shared until the next one. */
  snapshot(): PanelState {
    if (this.#snapshot !== null) return this.#snapshot;
    const imported = this.#imported;
    const session = imported?.session ?? this.session;
    const sockets = [...session.sockets.values()];
    const now = imported?.info.exportedAt ?? this.#clock();
    let rejected = 0;
    if (imported === null) for (const n of this.#rejectedByDoc.values()) rejected += n;
    let withoutPreview = 0;
    for (const s of sockets) withoutPreview += framesWithoutPreview(s);
    this.#snapshot = {
      sockets,
      flags: (imported?.flags ?? this.#liveFlags).evaluate(sockets, now, this.#settings),
      documents: session.documents,
      connected: this.#connected,
      diagnostics: { rejected, withoutPreview, lost: imported === null ? this.#lost : 0 },
      now,
      version: this.#changes,
      settings: this.#settings,
      imported: imported?.info ?? null,
    };
    return this.#snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Redraw on the next frame (what the user did), or throttled (what the page streams). */
  #changed(redraw: 'next-frame' | 'throttled' = 'next-frame'): void {
    this.#snapshot = null;
    this.#changes++;
    if (redraw === 'throttled') this.#redraw.soon();
    else this.#redraw.now();
  }
}
