/**
 * A session as HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), the way Chrome's
 * Network panel exports WebSockets: one entry per socket with `_resourceType: 'websocket'` and
 * its frames in `_webSocketMessages` ({ type: 'send' | 'receive', time in epoch seconds,
 * opcode 1 text / 2 binary, data }). Binary data is base64, as Chrome writes it. What HAR has no
 * field for (close code, initiator, flags, exact totals) is in the custom `_wsli` object.
 *
 * Frames are previews: the hook keeps the first characters (text) or bytes (binary) of each,
 * and may sample them under load. `_wsli.truncatedMessages` and `_wsli.messagesWithoutPreview`
 * say how complete `_webSocketMessages` is.
 */
import { formatCloseCode } from './close-codes';
import type { FlagKind } from './leak-rules';
import { bytesToBase64, hexToBytes } from './message-view';
import type { DocumentInfo, FrameRecord, Initiator, SocketRecord, SocketState } from './model';
import { framesWithoutPreview } from './model';

export interface HarNameValue {
  readonly name: string;
  readonly value: string;
}

export interface HarWebSocketMessage {
  readonly type: 'send' | 'receive';
  /** Epoch seconds, with fractions. */
  readonly time: number;
  readonly opcode: 1 | 2;
  readonly data: string;
}

export interface HarSocketInfo {
  readonly socket: string;
  readonly document: string;
  readonly frameUrl: string | null;
  readonly state: SocketState;
  readonly protocols: readonly string[];
  readonly close: { readonly code: number; readonly name: string; readonly reason: string; readonly wasClean: boolean } | null;
  readonly initiator: Initiator | null;
  readonly traffic: { readonly inCount: number; readonly inBytes: number; readonly outCount: number; readonly outBytes: number };
  readonly messagesWithoutPreview: number;
  readonly truncatedMessages: number;
  readonly flags: readonly FlagKind[];
}

export interface HarEntry {
  readonly pageref?: string;
  readonly startedDateTime: string;
  readonly time: number;
  readonly request: {
    readonly method: 'GET';
    readonly url: string;
    readonly httpVersion: string;
    readonly cookies: readonly [];
    readonly headers: readonly HarNameValue[];
    readonly queryString: readonly HarNameValue[];
    readonly headersSize: -1;
    readonly bodySize: 0;
  };
  readonly response: {
    readonly status: number;
    readonly statusText: string;
    readonly httpVersion: string;
    readonly cookies: readonly [];
    readonly headers: readonly HarNameValue[];
    readonly content: { readonly size: 0; readonly mimeType: string };
    readonly redirectURL: '';
    readonly headersSize: -1;
    readonly bodySize: -1;
  };
  readonly cache: Record<string, never>;
  readonly timings: {
    readonly blocked: -1;
    readonly dns: -1;
    readonly connect: -1;
    readonly ssl: -1;
    readonly send: number;
    readonly wait: number;
    readonly receive: number;
  };
  readonly _resourceType: 'websocket';
  readonly _webSocketMessages: readonly HarWebSocketMessage[];
  readonly _wsli: HarSocketInfo;
}

export interface HarPage {
  readonly startedDateTime: string;
  readonly id: string;
  readonly title: string;
  readonly pageTimings: Record<string, never>;
}

export interface Har {
  readonly log: {
    readonly version: '1.2';
    readonly creator: { readonly name: string; readonly version: string };
    readonly pages: readonly HarPage[];
    readonly entries: readonly HarEntry[];
    readonly comment: string;
  };
}

export interface HarInput {
  readonly documents: Iterable<DocumentInfo>;
  readonly sockets: Iterable<SocketRecord>;
  readonly flags: ReadonlyMap<string, readonly { readonly kind: FlagKind }[]>;
  readonly creator: { readonly name: string; readonly version: string };
}

export function toHar(input: HarInput): Har {
  const documents = new Map([...input.documents].map((d) => [d.docId, d]));
  const tops = [...documents.values()].filter((d) => d.isTop).sort((a, b) => a.activatedAt - b.activatedAt);
  const pages: HarPage[] = tops.map((d) => ({
    startedDateTime: isoTime(d.timeOrigin),
    id: d.docId,
    title: d.url,
    pageTimings: {},
  }));
  const entries = [...input.sockets]
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((s) => entryFor(s, documents.get(s.docId), pageFor(s, tops), input.flags.get(s.key) ?? []));
  return {
    log: {
      version: '1.2',
      creator: { name: input.creator.name, version: input.creator.version },
      pages,
      entries,
      comment:
        'WebSocket messages are previews as recorded (text: first characters; binary: first bytes); see _wsli per entry.',
    },
  };
}

/** The top-level document that was current when the socket was created. */
function pageFor(s: SocketRecord, tops: readonly DocumentInfo[]): string | undefined {
  let page: string | undefined;
  for (const d of tops) if (d.activatedAt <= s.createdAt || page === undefined) page = d.docId;
  return page;
}

function entryFor(
  s: SocketRecord,
  doc: DocumentInfo | undefined,
  pageref: string | undefined,
  flags: readonly { readonly kind: FlagKind }[],
): HarEntry {
  const wait = s.openedAt === null ? 0 : Math.max(0, s.openedAt - s.createdAt);
  const requestHeaders: HarNameValue[] = [{ name: 'Upgrade', value: 'websocket' }];
  if (s.protocols.length > 0) requestHeaders.push({ name: 'Sec-WebSocket-Protocol', value: s.protocols.join(', ') });
  const responseHeaders: HarNameValue[] = [];
  if (s.openedAt !== null) responseHeaders.push({ name: 'Upgrade', value: 'websocket' });
  if (s.protocol) responseHeaders.push({ name: 'Sec-WebSocket-Protocol', value: s.protocol });
  if (s.extensions) responseHeaders.push({ name: 'Sec-WebSocket-Extensions', value: s.extensions });
  return {
    ...(pageref === undefined ? {} : { pageref }),
    startedDateTime: isoTime(s.createdAt),
    time: wait,
    request: {
      method: 'GET',
      url: s.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: requestHeaders,
      queryString: queryString(s.url),
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: s.openedAt === null ? 0 : 101,
      statusText: s.openedAt === null ? '' : 'Switching Protocols',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: responseHeaders,
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait, receive: 0 },
    _resourceType: 'websocket',
    _webSocketMessages: s.frames.map(harMessage),
    _wsli: {
      socket: s.key,
      document: s.docId,
      frameUrl: doc && !doc.isTop ? doc.url : null,
      state: s.state,
      protocols: [...s.protocols],
      close: s.closed
        ? {
            code: s.closed.code,
            name: formatCloseCode(s.closed.code),
            reason: s.closed.reason,
            wasClean: s.closed.wasClean,
          }
        : null,
      initiator: s.initiator,
      traffic: { ...s.traffic },
      messagesWithoutPreview: framesWithoutPreview(s),
      truncatedMessages: s.frames.filter((f) => f.truncated).length,
      flags: flags.map((f) => f.kind),
    },
  };
}

export function harMessage(f: FrameRecord): HarWebSocketMessage {
  return {
    type: f.dir === 'out' ? 'send' : 'receive',
    time: f.at / 1000,
    opcode: f.data === 'text' ? 1 : 2,
    data: f.data === 'text' ? f.preview : f.data === 'binary' ? bytesToBase64(hexToBytes(f.preview)) : '',
  };
}

/** ISO 8601 with milliseconds, in UTC; an invalid time becomes the epoch rather than throwing. */
function isoTime(ms: number): string {
  const d = new Date(Number.isFinite(ms) ? ms : 0);
  return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString();
}

/** The query of a URL as HAR name/value pairs (core has no URL class: parsed by hand). */
export function queryString(url: string): HarNameValue[] {
  const q = /^[^?#]*\?([^#]*)/.exec(url)?.[1];
  if (!q) return [];
  return q
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const name = eq < 0 ? part : part.slice(0, eq);
      const value = eq < 0 ? '' : part.slice(eq + 1);
      return { name: decode(name), value: decode(value) };
    });
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
