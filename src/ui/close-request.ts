/**
 * What `WebSocket.close(code, reason)` accepts (WHATWG): the code 1000 or 3000–4999, and a
 * reason of at most 123 bytes in UTF-8. The panel checks before asking the page, so the page
 * never sees an exception it did not cause.
 */
export const MAX_REASON_BYTES = 123;

export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    // A lone surrogate is encoded as U+FFFD (3 bytes), as the browser does.
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Why the browser would reject close(code, reason), or null when it would accept it. */
export function closeRequestProblem(code: number, reason: string): string | null {
  if (!Number.isInteger(code)) return 'The close code must be a whole number: 1000, or 3000–4999.';
  if (code !== 1000 && (code < 3000 || code > 4999)) {
    return `close() accepts only 1000 or 3000–4999; ${code} would throw InvalidAccessError.`;
  }
  const bytes = utf8Length(reason);
  if (bytes > MAX_REASON_BYTES) {
    return `The reason is ${bytes} bytes in UTF-8; close() accepts at most ${MAX_REASON_BYTES} (it would throw SyntaxError).`;
  }
  return null;
}
