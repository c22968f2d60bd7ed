/**
 * Size caps on everything a page can make the hook report. The hook truncates to these before
 * sending; the relay rejects anything larger, so a hostile page cannot push a 5 MB "URL" through.
 */
export const LIMITS = {
  /** Characters of a URL (page or socket) kept. */
  url: 4096,
  /** Requested subprotocols kept, and characters of each. */
  protocols: 64,
  protocol: 256,
  /** Characters of a cleaned call stack. */
  stack: 8192,
  /** A close reason is at most 123 UTF-8 bytes on the wire; the cap leaves room for oddities. */
  reason: 512,
  /** Characters of an event type name (custom types are page-chosen). */
  eventType: 256,
  /** Text previews keep this many characters, binary previews this many bytes (as hex). */
  previewChars: 1024,
  previewBytes: 512,
  /** Events in one page→relay batch. */
  batchEvents: 20_000,
  /** Error names and messages. */
  errorText: 1024,
} as const;

export function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max);
}
