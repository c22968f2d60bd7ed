import type { ErrorInfo, FrameData, FrameDirection, ListenerVia, ReadyState } from './events';

export type SocketState = 'connecting' | 'open' | 'closing' | 'closed';
/**
 * Who ended the socket: the page's close(), the server's close frame, the network, unload, or
 * the user from the panel ("inspector", to exercise the page's reconnect logic).
 */
export type Initiator = 'page' | 'server' | 'network' | 'unload' | 'inspector';

/** One document (top page or frame) whose hook reported to this session. */
export interface DocumentInfo {
  readonly docId: string;
  /** The browser's frame id (0 = top); -1 when not known (e.g. an imported session). */
  readonly frameId: number;
  readonly url: string;
  readonly isTop: boolean;
  /** performance.timeOrigin of the document. */
  readonly timeOrigin: number;
  /** When it last became the current document: its timeOrigin, or a bfcache restore. */
  activatedAt: number;
  /** The document unloaded or its frame was removed. */
  goneAt: number | null;
  /** Kept by "preserve log" after the tab navigated to a newer top-level document. */
  previous: boolean;
}

export interface CloseCall {
  readonly at: number;
  readonly code: number | null;
  readonly reason: string | null;
  readonly readyState: ReadyState;
  readonly stack: string;
  readonly error: ErrorInfo | null;
  readonly origin?: 'inspector';
}

export interface ClosedInfo {
  readonly at: number;
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
}

export interface ListenerRecord {
  readonly event: string;
  readonly listener: number;
  readonly capture: boolean;
  readonly once: boolean;
  /** How it was attached: addEventListener or an on* property. */
  readonly via: 'addEventListener' | 'property';
  readonly addedAt: number;
  readonly addStack: string;
  removedAt: number | null;
  removedVia: ListenerVia | null;
  removeStack: string;
}

export interface FrameRecord {
  readonly seq: number;
  readonly at: number;
  readonly dir: FrameDirection;
  readonly size: number;
  readonly data: FrameData;
  readonly preview: string;
  readonly truncated: boolean;
}

export interface Traffic {
  inCount: number;
  inBytes: number;
  outCount: number;
  outBytes: number;
}

export interface SocketRecord {
  /** Unique in a session: `${docId}/${id}`. */
  readonly key: string;
  readonly docId: string;
  readonly id: number;
  readonly url: string;
  readonly protocols: readonly string[];
  readonly createdAt: number;
  readonly createStack: string;
  state: SocketState;
  openedAt: number | null;
  protocol: string;
  extensions: string;
  binaryType: string;
  readonly closeCalls: CloseCall[];
  closed: ClosedInfo | null;
  readonly errors: number[];
  readonly sendRejections: { readonly at: number; readonly error: ErrorInfo }[];
  initiator: Initiator | null;
  readonly listeners: ListenerRecord[];
  readonly traffic: Traffic;
  /** Last time a frame went either way (or the socket opened): the basis of "abandoned". */
  lastActivityAt: number | null;
  /** Frame previews kept, oldest first; `framesEvicted` were dropped to stay within budget. */
  readonly frames: FrameRecord[];
  framesEvicted: number;
  /** The document went away while the socket was connecting or open. */
  goneAt: number | null;
  /** Bumped on every change, so views can memoise per row. */
  version: number;
}

export function liveListeners(record: SocketRecord): ListenerRecord[] {
  return record.listeners.filter((l) => l.removedAt === null);
}

/** Live listener count per event type, e.g. { message: 2, close: 1 }. */
export function liveListenerCounts(record: SocketRecord): Record<string, number> {
  // No prototype: event types are page-chosen and may be "constructor" or "__proto__".
  const counts = Object.create(null) as Record<string, number>;
  for (const l of record.listeners) {
    if (l.removedAt === null) counts[l.event] = (counts[l.event] ?? 0) + 1;
  }
  return counts;
}

/** The close() call that took effect (did not throw), if any. */
export function acceptedCloseCall(record: SocketRecord): CloseCall | undefined {
  return record.closeCalls.find((c) => c.error === null);
}

/** How the page called close(): `1000, "done"`, `4001`, or empty for close(). */
export function closeCallArgs(call: Pick<CloseCall, 'code' | 'reason'>): string {
  const args: string[] = [];
  if (call.code !== null) args.push(String(call.code));
  if (call.reason !== null) args.push(JSON.stringify(call.reason));
  return args.join(', ');
}

/** Frames the hook counted but whose previews are not held: sampled under load or evicted. */
export function framesWithoutPreview(record: SocketRecord): number {
  const { inCount, outCount } = record.traffic;
  return Math.max(0, inCount + outCount - record.frames.length);
}
