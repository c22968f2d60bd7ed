import type { HookEvent, ListenerEvent, SocketEvent } from './events';
import type { DocumentInfo, Initiator, SocketRecord } from './model';
import { acceptedCloseCall } from './model';

export interface SessionLimits {
  /** Frame previews kept per socket; older ones are evicted first and counted. */
  readonly framesPerSocket: number;
}

export const DEFAULT_LIMITS: SessionLimits = { framesPerSocket: 5000 };

export interface NewDocument {
  readonly docId: string;
  readonly frameId: number;
  readonly url: string;
  readonly isTop: boolean;
  readonly timeOrigin: number;
  /** Later than timeOrigin when the document came back from the back/forward cache. */
  readonly activatedAt?: number;
}

/**
 * The panel's model of one inspected tab: documents and their sockets, reduced from hook
 * events. Replays are idempotent: an event whose seq was already applied for its document is
 * skipped, so a reconnecting relay can send its whole log again without duplicating anything.
 * Frames and lifecycle events are each applied in seq order, but each on its own: a replay
 * sends every lifecycle event before the (older) frames.
 */
export class Session {
  readonly documents = new Map<string, DocumentInfo>();
  readonly sockets = new Map<string, SocketRecord>();
  readonly #lastSeq = new Map<string, number>();
  readonly #lastFrameSeq = new Map<string, number>();
  /** Documents dropped on navigation (preserve log off): their late events are ignored. */
  readonly #forgotten = new Set<string>();
  /** Events that referred to an unknown socket (their `created` was never seen). */
  orphanEvents = 0;
  /** Bumped on every change. */
  version = 0;

  constructor(
    private readonly limits: SessionLimits = DEFAULT_LIMITS,
    /** "Preserve log": keep the previous top-level document's sockets on navigation. */
    public preserveLog = false,
  ) {}

  /**
   * A document reported by its relay: new, or known and activated again (restored from the
   * back/forward cache, when it becomes the current page once more, even if it had been
   * forgotten or kept as previous).
   */
  addDocument(doc: NewDocument): void {
    const activatedAt = doc.activatedAt ?? doc.timeOrigin;
    const known = this.documents.get(doc.docId);
    if (known) {
      if (activatedAt <= known.activatedAt) return;
      known.activatedAt = activatedAt;
      known.goneAt = null;
      known.previous = false;
      if (known.isTop) this.#onTopLevelDocument(known);
      this.version++;
      return;
    }
    if (this.#forgotten.has(doc.docId)) {
      if (activatedAt === doc.timeOrigin) return; // a late report of a page navigated away from
      this.#forgotten.delete(doc.docId);
    }
    const info: DocumentInfo = { ...doc, activatedAt, goneAt: null, previous: false };
    if (doc.isTop) this.#onTopLevelDocument(info);
    this.documents.set(doc.docId, info);
    this.version++;
  }

  /** A newer top-level document replaces the page: older documents are cleared or kept. */
  #onTopLevelDocument(doc: DocumentInfo): void {
    for (const old of [...this.documents.values()]) {
      if (old === doc || old.activatedAt >= doc.activatedAt) continue;
      if (this.preserveLog) {
        old.previous = true;
        if (old.goneAt === null) this.documentGone(old.docId, doc.activatedAt);
      } else {
        this.#forgetDocument(old.docId);
      }
    }
  }

  #forgetDocument(docId: string): void {
    this.#forgotten.add(docId);
    this.documents.delete(docId);
    this.#lastSeq.delete(docId);
    this.#lastFrameSeq.delete(docId);
    for (const [key, s] of this.sockets) if (s.docId === docId) this.sockets.delete(key);
  }

  /** The document unloaded or its frame was removed: its live sockets died with it. */
  documentGone(docId: string, at: number): void {
    const doc = this.documents.get(docId);
    if (!doc || doc.goneAt !== null) return;
    doc.goneAt = at;
    for (const s of this.sockets.values()) {
      if (s.docId === docId) this.#markGone(s, at);
    }
    this.version++;
  }

  #markGone(s: SocketRecord, at: number): void {
    if (s.state === 'closed') return;
    s.goneAt = at;
    s.state = 'closed';
    s.initiator ??= pageClosedFirst(s) ? closer(s) : 'unload';
    s.version++;
  }

  clear(): void {
    this.documents.clear();
    this.sockets.clear();
    this.#lastSeq.clear();
    this.#lastFrameSeq.clear();
    this.orphanEvents = 0;
    this.version++;
  }

  apply(docId: string, events: readonly HookEvent[]): void {
    if (this.#forgotten.has(docId)) return;
    let last = this.#lastSeq.get(docId) ?? 0;
    let lastFrame = this.#lastFrameSeq.get(docId) ?? 0;
    const framed = new Set<SocketRecord>();
    for (const e of events) {
      // Traffic totals are absolute, so applying them again is harmless; all else once.
      if (e.type === 'frame') {
        if (e.seq <= lastFrame) continue;
        lastFrame = e.seq;
      } else if (e.type !== 'traffic') {
        if (e.seq <= last) continue;
        last = e.seq;
      }
      const s = this.#applyOne(docId, e);
      if (s !== null && e.type === 'frame') framed.add(s);
    }
    // Evicting once per batch, not once per frame: a full socket streaming thousands of frames
    // a second would otherwise shift its whole preview list for every one of them.
    for (const s of framed) evictOldFrames(s, this.limits);
    this.#lastSeq.set(docId, last);
    this.#lastFrameSeq.set(docId, lastFrame);
    this.version++;
  }

  /** Applies one event; returns the socket it changed, if any. */
  #applyOne(docId: string, e: HookEvent): SocketRecord | null {
    if (e.type === 'pagehide') {
      for (const s of this.sockets.values()) {
        if (s.docId === docId && s.state !== 'closed') this.#markGone(s, e.at);
      }
      return null;
    }
    if (e.type === 'created') {
      this.#create(docId, e);
      return null;
    }
    const s = this.sockets.get(`${docId}/${e.socket}`);
    if (!s) {
      // Traffic totals are re-sent with every replay: count an orphan once, by its seq'd kinds.
      if (e.type !== 'traffic') this.orphanEvents++;
      return null;
    }
    applySocketEvent(s, e);
    s.version++;
    return s;
  }

  #create(docId: string, e: Extract<SocketEvent, { type: 'created' }>): void {
    const key = `${docId}/${e.socket}`;
    if (this.sockets.has(key)) return;
    this.sockets.set(key, {
      key,
      docId,
      id: e.socket,
      url: e.url,
      protocols: e.protocols,
      createdAt: e.at,
      createStack: e.stack,
      state: 'connecting',
      openedAt: null,
      protocol: '',
      extensions: '',
      binaryType: 'blob',
      closeCalls: [],
      closed: null,
      errors: [],
      sendRejections: [],
      initiator: null,
      listeners: [],
      traffic: { inCount: 0, inBytes: 0, outCount: 0, outBytes: 0 },
      lastActivityAt: null,
      frames: [],
      framesEvicted: 0,
      goneAt: null,
      version: 0,
    });
  }
}

/** Keeps the newest `framesPerSocket` previews, counting the ones dropped. */
function evictOldFrames(s: SocketRecord, limits: SessionLimits): void {
  const excess = s.frames.length - limits.framesPerSocket;
  if (excess <= 0) return;
  s.frames.splice(0, excess);
  s.framesEvicted += excess;
}

function applySocketEvent(s: SocketRecord, e: Exclude<SocketEvent, { type: 'created' }>): void {
  switch (e.type) {
    case 'open':
      s.openedAt = e.at;
      s.lastActivityAt = e.at;
      s.protocol = e.protocol;
      s.extensions = e.extensions;
      if (s.state === 'connecting') s.state = 'open';
      return;
    case 'listener':
      applyListener(s, e);
      return;
    case 'binary-type':
      s.binaryType = e.value;
      return;
    case 'close-call':
      s.closeCalls.push({
        at: e.at,
        code: e.code,
        reason: e.reason,
        readyState: e.readyState,
        stack: e.stack,
        error: e.error,
        ...(e.origin ? { origin: e.origin } : {}),
      });
      if (e.error === null && (s.state === 'connecting' || s.state === 'open')) s.state = 'closing';
      return;
    case 'send-rejected':
      s.sendRejections.push({ at: e.at, error: e.error });
      return;
    case 'error':
      s.errors.push(e.at);
      return;
    case 'closed':
      s.closed = { at: e.at, code: e.code, reason: e.reason, wasClean: e.wasClean };
      s.state = 'closed';
      s.initiator = s.goneAt === null || pageClosedFirst(s) ? closeInitiator(s, e.code) : 'unload';
      return;
    case 'frame':
      s.frames.push({
        seq: e.seq,
        at: e.at,
        dir: e.dir,
        size: e.size,
        data: e.data,
        preview: e.preview,
        truncated: e.truncated,
      });
      s.lastActivityAt = Math.max(s.lastActivityAt ?? 0, e.at);
      return;
    case 'traffic': {
      const t = s.traffic;
      const grew =
        e.inCount > t.inCount || e.outCount > t.outCount || e.inBytes > t.inBytes || e.outBytes > t.outBytes;
      t.inCount = Math.max(t.inCount, e.inCount);
      t.inBytes = Math.max(t.inBytes, e.inBytes);
      t.outCount = Math.max(t.outCount, e.outCount);
      t.outBytes = Math.max(t.outBytes, e.outBytes);
      if (grew) s.lastActivityAt = Math.max(s.lastActivityAt ?? 0, e.at);
      return;
    }
  }
}

/**
 * The page closed it if its close() took effect while the socket was connecting or open; a
 * close() made while already CLOSING answered the server's close frame. Without either, a
 * 1006 means no close frame arrived at all: the network (or a vanished server) ended it.
 */
export function closeInitiator(s: SocketRecord, code: number): Initiator {
  if (pageClosedFirst(s)) return closer(s);
  return code === 1006 ? 'network' : 'server';
}

/** The page, or the user through the panel, whichever made the close() that took effect. */
function closer(s: SocketRecord): Initiator {
  return acceptedCloseCall(s)?.origin === 'inspector' ? 'inspector' : 'page';
}

/** close() took effect while the socket was connecting or open. */
function pageClosedFirst(s: SocketRecord): boolean {
  const call = acceptedCloseCall(s);
  return call !== undefined && call.readyState <= 1;
}

function applyListener(s: SocketRecord, e: ListenerEvent): void {
  if (e.op === 'add') {
    if (e.via === 'property') {
      const current = findLive(s, (l) => l.via === 'property' && l.event === e.event);
      if (current) closeListener(current, e, 'property');
    }
    s.listeners.push({
      event: e.event,
      listener: e.listener,
      capture: e.capture,
      once: e.once,
      via: e.via === 'property' ? 'property' : 'addEventListener',
      addedAt: e.at,
      addStack: e.stack,
      removedAt: null,
      removedVia: null,
      removeStack: '',
    });
    return;
  }
  const match =
    e.via === 'property'
      ? findLive(s, (l) => l.via === 'property' && l.event === e.event)
      : findLive(
          s,
          (l) =>
            l.via === 'addEventListener' &&
            l.event === e.event &&
            l.listener === e.listener &&
            l.capture === e.capture,
        );
  if (match) closeListener(match, e, e.via);
}

function findLive(
  s: SocketRecord,
  pred: (l: SocketRecord['listeners'][number]) => boolean,
): SocketRecord['listeners'][number] | undefined {
  return s.listeners.find((l) => l.removedAt === null && pred(l));
}

function closeListener(
  l: SocketRecord['listeners'][number],
  e: ListenerEvent,
  via: ListenerEvent['via'],
): void {
  l.removedAt = e.at;
  l.removedVia = via;
  l.removeStack = e.stack;
}
