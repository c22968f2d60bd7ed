import { DEFAULT_LEAK_SETTINGS, evaluateFlags, type Flag, type LeakSettings } from '../core/leak-rules';
import type { DocumentInfo, SocketRecord } from '../core/model';
import { Session } from '../core/session';
import type { BackgroundToPanel } from '../protocol/messages';

export interface PanelSettings extends LeakSettings {
  readonly preserveLog: boolean;
}

export const DEFAULT_PANEL_SETTINGS: PanelSettings = { ...DEFAULT_LEAK_SETTINGS, preserveLog: false };

export interface PanelState {
  readonly sockets: readonly SocketRecord[];
  readonly flags: ReadonlyMap<string, Flag[]>;
  readonly connected: boolean;
  readonly rejected: number;
  readonly now: number;
  readonly version: number;
  readonly settings: PanelSettings;
  readonly documents: ReadonlyMap<string, DocumentInfo>;
}

/**
 * Holds the session and tells the view when to redraw: at most once per animation frame, so
 * a stream of thousands of events a second costs one render per frame, not one per event.
 */
export class PanelStore {
  readonly session = new Session();
  #settings: PanelSettings;
  #connected = false;
  readonly #rejectedByDoc = new Map<string, number>();
  #listeners = new Set<() => void>();
  #scheduled = false;

  constructor(
    settings: PanelSettings = DEFAULT_PANEL_SETTINGS,
    private readonly clock: () => number = Date.now,
  ) {
    this.#settings = settings;
    this.session.preserveLog = settings.preserveLog;
  }

  get settings(): PanelSettings {
    return this.#settings;
  }

  updateSettings(patch: Partial<PanelSettings>): void {
    this.#settings = { ...this.#settings, ...patch };
    this.session.preserveLog = this.#settings.preserveLog;
    this.#changed();
  }

  receive(message: BackgroundToPanel): void {
    switch (message.kind) {
      case 'document':
        this.session.addDocument(message.doc);
        break;
      case 'events':
        this.session.apply(message.docId, message.events);
        this.#rejectedByDoc.set(message.docId, message.rejected);
        break;
      case 'document-gone':
        this.session.documentGone(message.docId, message.at);
        break;
    }
    this.#changed();
  }

  setConnected(connected: boolean): void {
    this.#connected = connected;
    this.#changed();
  }

  clear(): void {
    this.session.clear();
    this.#changed();
  }

  /** Time passing changes flags (abandoned, close timeout) even without events. */
  tick(): void {
    this.#changed();
  }

  snapshot(): PanelState {
    const sockets = [...this.session.sockets.values()];
    const now = this.clock();
    let rejected = 0;
    for (const n of this.#rejectedByDoc.values()) rejected += n;
    return {
      sockets,
      flags: evaluateFlags(sockets, now, this.#settings),
      connected: this.#connected,
      rejected,
      now,
      version: this.session.version,
      settings: this.#settings,
      documents: this.session.documents,
    };
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    requestAnimationFrame(() => {
      this.#scheduled = false;
      for (const l of this.#listeners) l();
    });
  }
}
