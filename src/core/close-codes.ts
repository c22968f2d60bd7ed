/**
 * The WebSocket close-code registry: RFC 6455 §7.4 and the IANA "WebSocket Close Code Number
 * Registry", plus the ranges the RFC reserves. Pure data and lookups, shared by the panel and
 * the leak rules.
 */

export type CloseCodeRange =
  | 'unused' // 0–999: never valid
  | 'standard' // 1000–1015 named by the RFC / IANA
  | 'reserved' // 1016–2999 reserved for the protocol and extensions
  | 'registered' // 3000–3999 registered with IANA by libraries and frameworks
  | 'application' // 4000–4999 private use by applications
  | 'invalid'; // ≥ 5000 or not an integer

export interface CloseCodeInfo {
  readonly code: number;
  /** Registered name, e.g. "Abnormal Closure", or the range's name for unnamed codes. */
  readonly name: string;
  /** One line a developer can act on. */
  readonly meaning: string;
  readonly range: CloseCodeRange;
  /** Reported locally by the browser, never sent in a close frame (1005, 1006, 1015). */
  readonly localOnly: boolean;
  /** `WebSocket.close()` accepts it: 1000 or 3000–4999 (WHATWG). */
  readonly pageMaySend: boolean;
}

type Named = readonly [name: string, meaning: string];

const STANDARD: Readonly<Record<number, Named>> = {
  1000: ['Normal Closure', 'the purpose of the connection was fulfilled'],
  1001: ['Going Away', 'an endpoint is going away: server shutdown or the page navigated away'],
  1002: ['Protocol Error', 'an endpoint received a frame that broke the WebSocket protocol'],
  1003: ['Unsupported Data', 'an endpoint received a type of data it cannot accept'],
  1004: ['Reserved', 'reserved by RFC 6455; no meaning is defined'],
  1005: ['No Status Received', 'no status code was sent in the close frame'],
  1006: [
    'Abnormal Closure',
    'closed without a close frame: network drop, the server vanished, or the handshake failed',
  ],
  1007: ['Invalid Frame Payload Data', 'a message was not consistent with its type (e.g. bad UTF-8)'],
  1008: ['Policy Violation', 'a message violated the endpoint’s policy'],
  1009: ['Message Too Big', 'a message was too big for the endpoint to process'],
  1010: ['Mandatory Extension', 'the client required an extension the server did not negotiate'],
  1011: ['Internal Error', 'the server met an unexpected condition'],
  1012: ['Service Restart', 'the server is restarting; reconnect later'],
  1013: ['Try Again Later', 'the server is overloaded; reconnect later'],
  1014: ['Bad Gateway', 'a gateway or proxy received an invalid response from upstream'],
  1015: ['TLS Handshake', 'the TLS handshake failed (e.g. the certificate could not be verified)'],
};

const LOCAL_ONLY: ReadonlySet<number> = new Set([1005, 1006, 1015]);

export function closeCodeRange(code: number): CloseCodeRange {
  if (!Number.isInteger(code) || code < 0 || code >= 5000) return 'invalid';
  if (code < 1000) return 'unused';
  if (code <= 1015) return 'standard';
  if (code < 3000) return 'reserved';
  if (code < 4000) return 'registered';
  return 'application';
}

/**
 * WebIDL `[Clamp] unsigned short`, as `close(code)` converts its argument: NaN is 0, the value
 * is clamped to 0–65535 and rounded half to even.
 */
export function clampUnsignedShort(value: number): number {
  if (Number.isNaN(value)) return 0;
  const x = Math.min(65535, Math.max(0, value));
  const floor = Math.floor(x);
  const frac = x - floor;
  if (frac > 0.5) return floor + 1;
  if (frac < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** What `WebSocket.close(code)` accepts before it throws `InvalidAccessError`. */
export function pageMaySendCloseCode(code: number): boolean {
  const c = clampUnsignedShort(code);
  return c === 1000 || (c >= 3000 && c <= 4999);
}

const RANGE_TEXT: Readonly<Record<CloseCodeRange, Named>> = {
  unused: ['unused (0–999)', 'not a valid close code'],
  standard: ['', ''],
  reserved: ['reserved (1016–2999)', 'reserved for the WebSocket protocol and its extensions'],
  registered: ['registered (3000–3999)', 'registered with IANA by a library or framework'],
  application: ['application (4000–4999)', 'application-defined: its meaning is private to this app'],
  invalid: ['invalid', 'not a valid close code'],
};

export function describeCloseCode(code: number): CloseCodeInfo {
  const range = closeCodeRange(code);
  const [name, meaning] = STANDARD[code] ?? RANGE_TEXT[range];
  return {
    code,
    name,
    meaning,
    range,
    localOnly: LOCAL_ONLY.has(code),
    pageMaySend: pageMaySendCloseCode(code),
  };
}

/** "1006 Abnormal Closure", "4001 application (4000–4999)". */
export function formatCloseCode(code: number): string {
  return `${code} ${describeCloseCode(code).name}`;
}
