import type { EncodedEvents } from './event-codec';

/** Encoded events as gzip, in base64: the form a large message crosses in. */
export interface PackedEvents {
  readonly gzip: string;
}

/**
 * Messages of at least this many events are packed. Extension messaging costs what a message
 * weighs on each hop (~45 ms per MB here, relay → background → panel), and a replayed
 * history of 2,000 sockets is a 1 MB message that gzip makes five times smaller in ~10 ms;
 * the live stream's batches are far smaller and go as they are, without the wait.
 */
export const PACK_MIN_EVENTS = 2_000;

export function isPacked(events: EncodedEvents | PackedEvents): events is PackedEvents {
  return typeof (events as { gzip?: unknown }).gzip === 'string';
}

export async function packEvents(encoded: EncodedEvents): Promise<PackedEvents> {
  const text = new Blob([JSON.stringify(encoded)]);
  const gzip = await new Response(text.stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
  return { gzip: toBase64(new Uint8Array(gzip)) };
}

/** The encoded events again; rejects when the text is not base64 of gzip of JSON. */
export async function unpackEvents(packed: PackedEvents): Promise<EncodedEvents> {
  const bytes = fromBase64(packed.gzip);
  const text = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
  const encoded = JSON.parse(text) as unknown;
  if (!isEncoded(encoded)) throw new TypeError('packed events are not encoded events');
  return encoded;
}

function isEncoded(value: unknown): value is EncodedEvents {
  const v = value as Partial<Record<keyof EncodedEvents, unknown>> | null;
  return typeof v === 'object' && v !== null && Array.isArray(v.shapes) && Array.isArray(v.strings) && Array.isArray(v.rows);
}

/** btoa takes a "binary string"; built in slices, as one call per byte would be slow and one call for all would overflow the stack. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
