/**
 * What the panel's Messages tab shows of a frame, as pure functions: filtering by text, regular
 * expression and direction; recognising JSON; binary previews (lowercase hex, as the hook sends
 * them) as bytes, a hex + ASCII dump and base64. No DOM: the view renders the results as text.
 */
import type { FrameDirection } from './events';
import type { FrameRecord } from './model';

export type DirectionFilter = 'all' | FrameDirection;

export interface MessageFilter {
  /** Plain text (case-insensitive substring) or, with `regex`, a regular expression source. */
  readonly text: string;
  readonly regex: boolean;
  readonly dir: DirectionFilter;
}

export const NO_MESSAGE_FILTER: MessageFilter = { text: '', regex: false, dir: 'all' };

export type Matcher =
  | { readonly ok: true; readonly test: ((text: string) => boolean) | null }
  | { readonly ok: false; readonly error: string };

/**
 * The text part of a filter as a predicate: `test` is null when there is nothing to match.
 * An invalid regular expression is an error the view shows, not an exception.
 */
export function compileMatcher(text: string, regex: boolean): Matcher {
  if (text === '') return { ok: true, test: null };
  if (!regex) {
    const needle = text.toLowerCase();
    return { ok: true, test: (s) => s.toLowerCase().includes(needle) };
  }
  try {
    const re = new RegExp(text, 'i');
    return { ok: true, test: (s) => re.test(s) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The frames the filter keeps, in their order. Without a filter the same array comes back (no
 * copy), so a view can render half a million frames without allocating per render.
 */
export function filterFrames(frames: readonly FrameRecord[], filter: MessageFilter): readonly FrameRecord[] {
  const matcher = compileMatcher(filter.text, filter.regex);
  if (!matcher.ok) return frames;
  const test = matcher.test;
  if (test === null && filter.dir === 'all') return frames;
  return frames.filter((f) => (filter.dir === 'all' || f.dir === filter.dir) && (test === null || test(f.preview)));
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type Payload =
  | { readonly kind: 'json'; readonly value: JsonValue; readonly text: string }
  | { readonly kind: 'text'; readonly text: string; readonly truncated: boolean }
  | { readonly kind: 'binary'; readonly bytes: Uint8Array; readonly truncated: boolean }
  | { readonly kind: 'blob' };

/**
 * How to show a frame's preview. Text that is a complete JSON object or array is JSON; a
 * truncated preview never is (it would not parse, and a partial tree would mislead).
 */
export function classifyPayload(frame: Pick<FrameRecord, 'data' | 'preview' | 'truncated'>): Payload {
  if (frame.data === 'blob') return { kind: 'blob' };
  if (frame.data === 'binary') return { kind: 'binary', bytes: hexToBytes(frame.preview), truncated: frame.truncated };
  const text = frame.preview;
  if (!frame.truncated) {
    const json = parseJsonContainer(text);
    if (json !== undefined) return { kind: 'json', value: json, text };
  }
  return { kind: 'text', text, truncated: frame.truncated };
}

/** A JSON object or array, or undefined for anything else (scalars are shown as text). */
export function parseJsonContainer(text: string): JsonValue | undefined {
  const t = text.trim();
  if (!(t.startsWith('{') && t.endsWith('}')) && !(t.startsWith('[') && t.endsWith(']'))) return undefined;
  try {
    return JSON.parse(t) as JsonValue;
  } catch {
    return undefined;
  }
}

/** Lowercase or uppercase hex pairs to bytes; stops at the first character that is not hex. */
export function hexToBytes(hex: string): Uint8Array {
  const n = Math.floor(hex.length / 2);
  const out = new Uint8Array(n);
  let i = 0;
  for (; i < n; i++) {
    const pair = hex.slice(i * 2, i * 2 + 2);
    if (!/^[0-9a-f]{2}$/i.test(pair)) break;
    out[i] = parseInt(pair, 16);
  }
  return i === n ? out : out.slice(0, i);
}

export interface HexLine {
  /** Offset of the line's first byte, 8 hex digits. */
  readonly offset: string;
  /** Bytes as hex pairs separated by spaces, an extra space after the 8th. */
  readonly hex: string;
  /** Printable ASCII as itself, everything else as '.'. */
  readonly ascii: string;
}

export function hexDump(bytes: Uint8Array, width = 16): HexLine[] {
  const lines: HexLine[] = [];
  for (let start = 0; start < bytes.length; start += width) {
    const row = bytes.subarray(start, Math.min(bytes.length, start + width));
    let hex = '';
    let ascii = '';
    row.forEach((b, i) => {
      hex += (i === 0 ? '' : i === width / 2 ? '  ' : ' ') + b.toString(16).padStart(2, '0');
      ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    });
    lines.push({ offset: start.toString(16).padStart(8, '0'), hex, ascii });
  }
  return lines;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding (core has no btoa). */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63];
    out += B64[(n >> 12) & 63];
    out += b === undefined ? '=' : B64[(n >> 6) & 63];
    out += c === undefined ? '=' : B64[n & 63];
  }
  return out;
}

/** What "Copy payload" puts on the clipboard: the text, pretty JSON, or the hex bytes. */
export function payloadForCopy(frame: Pick<FrameRecord, 'data' | 'preview' | 'truncated'>): string {
  const p = classifyPayload(frame);
  switch (p.kind) {
    case 'json':
      return JSON.stringify(p.value, null, 2);
    case 'text':
      return p.text;
    case 'binary':
      return hexDump(p.bytes)
        .map((l) => l.hex)
        .join('\n');
    case 'blob':
      return '';
  }
}

/** Children of a JSON container as [key, value] pairs: indices for arrays, keys for objects. */
export function jsonEntries(value: JsonValue): Array<[string, JsonValue]> {
  if (Array.isArray(value)) return value.map((v, i) => [String(i), v]);
  if (value !== null && typeof value === 'object') return Object.entries(value);
  return [];
}

/** A one-line summary of a JSON value: `{…} 3 keys`, `[…] 12 items`, or the literal. */
export function jsonSummary(value: JsonValue): string {
  if (Array.isArray(value)) return `Array(${value.length})`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    const shown = keys.slice(0, 4).join(', ');
    return `{${shown}${keys.length > 4 ? ', …' : ''}}`;
  }
  return JSON.stringify(value);
}
