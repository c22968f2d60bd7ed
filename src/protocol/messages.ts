import type { HookEvent } from '../core/events';
import type { EncodedEvents } from './event-codec';
import type { PackedEvents } from './event-pack';

/**
 * Every message on every hop, by direction. The version travels in each envelope so that a
 * page hook and a relay (or a relay and a panel) from different builds can tell each other
 * apart and refuse politely instead of misreading each other.
 */
export const PROTOCOL_VERSION = 1;

// ── page → relay, as the detail of an event on the private target the hook hands the relay ──
export interface HookBatch {
  readonly v: typeof PROTOCOL_VERSION;
  readonly events: readonly HookEvent[];
}

// ── relay → page, on the same target, as JSON text ───────────────────────────────────────────
/** A close() the user asked for from the panel, to exercise the page's reconnect logic. */
export interface CloseCommand {
  readonly socket: number;
  readonly code: number;
  readonly reason: string;
}

export type RelayToHook = { readonly v: typeof PROTOCOL_VERSION; readonly kind: 'close-socket' } & CloseCommand;

/**
 * The DOM event type used once, at document_start, to hand the relay its private target: the
 * hook's offer (a MouseEvent whose relatedTarget is the target) and the relay's "ready" (a plain
 * Event), both dispatched on the document. The type is "load" because a load event dispatched on a document does not
 * propagate to its window (HTML: a document's "get the parent" is null for load): listeners a
 * page left on a reused window (a frame's initial about:blank Window, which a same-origin
 * navigation keeps) never see the handshake, and the document itself is new.
 */
export const HANDSHAKE_EVENT = 'load';

/**
 * Event types on the private target, which only the hook and the relay hold: a batch (its
 * detail the HookBatch, cancelled by the relay to say it took it) and a command (its detail
 * the RelayToHook as JSON text, the one kind of value every engine hands across worlds as is).
 */
export const CHANNEL_EVENTS = { batch: 'batch', command: 'command' } as const;

// ── relay ⇄ background ⇄ panel (extension contexts: typed, trusted) ────────────────────────
export interface DocumentMeta {
  readonly docId: string;
  readonly url: string;
  readonly isTop: boolean;
  readonly timeOrigin: number;
  /** When it last became the current document: timeOrigin, or a back/forward-cache restore. */
  readonly activatedAt: number;
}

export interface FramedDocument extends DocumentMeta {
  /** The browser's frame id, added by the background from the port's sender. */
  readonly frameId: number;
}

export type RelayMessage =
  | { readonly v: number; readonly kind: 'document'; readonly doc: DocumentMeta }
  | {
      readonly v: number;
      readonly kind: 'events';
      readonly docId: string;
      /** Packed when there are many (./event-pack). */
      readonly events: EncodedEvents | PackedEvents;
      /** Absolute count of page input this relay rejected so far (diagnostics). */
      readonly rejected: number;
    };

/** One-shot question a relay asks at start: is a panel watching this tab? */
export interface RelayHello {
  readonly v: number;
  readonly kind: 'hello';
}
export interface HelloAnswer {
  readonly attach: boolean;
}

export type BackgroundToRelay =
  | { readonly v: number; readonly kind: 'attach' }
  | { readonly v: number; readonly kind: 'replay' }
  | ({ readonly v: number; readonly kind: 'close-socket'; readonly docId: string } & CloseCommand);

export type PanelToBackground =
  | { readonly v: number; readonly kind: 'subscribe'; readonly tabId: number }
  | ({ readonly v: number; readonly kind: 'close-socket'; readonly docId: string } & CloseCommand);

export type BackgroundToPanel =
  | { readonly v: number; readonly kind: 'document'; readonly doc: FramedDocument }
  | {
      readonly v: number;
      readonly kind: 'events';
      readonly docId: string;
      readonly events: EncodedEvents | PackedEvents;
      readonly rejected: number;
    }
  | { readonly v: number; readonly kind: 'document-gone'; readonly docId: string; readonly at: number };

/** A message from the background as the panel's store takes it: its events unpacked. */
export type UnpackedToPanel =
  | Exclude<BackgroundToPanel, { readonly kind: 'events' }>
  | (Extract<BackgroundToPanel, { readonly kind: 'events' }> & { readonly events: EncodedEvents });

export const PORT_NAMES = { relay: 'wsli-relay', panel: 'wsli-panel' } as const;

/** Narrowing for messages between extension contexts: shape of the envelope only. */
export function hasKind<K extends string>(msg: unknown, kind: K): msg is { v: number; kind: K } {
  return (
    typeof msg === 'object' &&
    msg !== null &&
    (msg as { v?: unknown }).v === PROTOCOL_VERSION &&
    (msg as { kind?: unknown }).kind === kind
  );
}
