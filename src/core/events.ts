/**
 * What the page hook observes, one event per fact, in the order it happened inside one
 * document. `seq` is per document and strictly increasing: it is how every later hop
 * de-duplicates replays. Times are epoch milliseconds (`performance.timeOrigin + now()`).
 */

export type SocketId = number;
export type ReadyState = 0 | 1 | 2 | 3;
export type FrameDirection = 'in' | 'out';
/** `text` strings, `binary` ArrayBuffer/views, `blob` Blobs (size only: no sync read). */
export type FrameData = 'text' | 'binary' | 'blob';
export type ListenerVia =
  | 'addEventListener'
  | 'removeEventListener'
  | 'property' // onopen/onmessage/onerror/onclose assignment
  | 'once' // removed by the browser after its first call
  | 'signal'; // removed by an AbortSignal

export interface ErrorInfo {
  readonly name: string;
  readonly message: string;
}

interface Base {
  readonly seq: number;
  readonly at: number;
}
interface OnSocket extends Base {
  readonly socket: SocketId;
}

export interface CreatedEvent extends OnSocket {
  readonly type: 'created';
  readonly url: string;
  readonly protocols: readonly string[];
  /** Creation call stack with the hook's own frames removed; '' when unavailable. */
  readonly stack: string;
}

export interface OpenEvent extends OnSocket {
  readonly type: 'open';
  readonly protocol: string;
  readonly extensions: string;
}

export interface ListenerEvent extends OnSocket {
  readonly type: 'listener';
  readonly op: 'add' | 'remove';
  /** Event type as the page passed it ("message", "close", or any custom type). */
  readonly event: string;
  /** Identity of the callback within this socket: same callback, same number. */
  readonly listener: number;
  readonly capture: boolean;
  readonly once: boolean;
  readonly via: ListenerVia;
  readonly stack: string;
}

export interface BinaryTypeEvent extends OnSocket {
  readonly type: 'binary-type';
  readonly value: string;
}

export interface CloseCallEvent extends OnSocket {
  readonly type: 'close-call';
  readonly code: number | null;
  readonly reason: string | null;
  /** readyState when close() was called: 2 (CLOSING) without a prior call means the server began. */
  readonly readyState: ReadyState;
  readonly stack: string;
  /** The exception close() threw to the page (InvalidAccessError, SyntaxError), else null. */
  readonly error: ErrorInfo | null;
  /** Set when the user closed the socket from the panel; absent for the page's own calls. */
  readonly origin?: 'inspector';
}

export interface SendRejectedEvent extends OnSocket {
  readonly type: 'send-rejected';
  readonly error: ErrorInfo;
}

export interface ErrorEvent extends OnSocket {
  readonly type: 'error';
}

export interface ClosedEvent extends OnSocket {
  readonly type: 'closed';
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
}

export interface FrameEvent extends OnSocket {
  readonly type: 'frame';
  readonly dir: FrameDirection;
  /** Exact payload size in bytes (UTF-8 for text). */
  readonly size: number;
  readonly data: FrameData;
  /** Text: the first characters; binary: lowercase hex of the first bytes; blob: ''. */
  readonly preview: string;
  readonly truncated: boolean;
}

/** Absolute per-socket totals: exact even when frame previews were sampled or evicted. */
export interface TrafficEvent extends OnSocket {
  readonly type: 'traffic';
  readonly inCount: number;
  readonly inBytes: number;
  readonly outCount: number;
  readonly outBytes: number;
}

/** The document is going away (pagehide); `persisted` when it enters the bfcache. */
export interface PageHideEvent extends Base {
  readonly type: 'pagehide';
  readonly persisted: boolean;
}

export type SocketEvent =
  | CreatedEvent
  | OpenEvent
  | ListenerEvent
  | BinaryTypeEvent
  | CloseCallEvent
  | SendRejectedEvent
  | ErrorEvent
  | ClosedEvent
  | FrameEvent
  | TrafficEvent;

export type HookEvent = SocketEvent | PageHideEvent;
export type HookEventType = HookEvent['type'];

/** Lifecycle events are never dropped; frames and traffic are the only sampled kinds. */
export function isLifecycleEvent(e: HookEvent): boolean {
  return e.type !== 'frame' && e.type !== 'traffic';
}
